#!/usr/bin/env python3
"""Prints the access key ID botocore's default credential chain (the AWS CLI's) resolves in
this process's environment, or NONE. Usage: botocore_credentials.py [PROFILE]
A PROFILE argument is an explicit profile, as `aws --profile PROFILE` sets it."""
import sys

import botocore.session

session = botocore.session.Session(profile=sys.argv[1] if len(sys.argv) > 1 else None)
credentials = session.get_credentials()
print(credentials.get_frozen_credentials().access_key if credentials else "NONE")
