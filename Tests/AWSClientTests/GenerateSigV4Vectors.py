#!/usr/bin/env python3
"""Signs random requests with botocore and writes them as SigV4 test vectors.

Usage: GenerateSigV4Vectors.py [--count N] [--seed S] [--out FILE]

Each vector holds the request as eksguard's signer receives it (method, URL with an already
percent-encoded path, query pairs, headers, body, payload mode) and what botocore produced: the
canonical request, the string to sign, the signature and the Authorization header or the
presigned URL. It also writes EKS bearer tokens made as `aws eks get-token` makes them. The clock and the credentials are fixed per vector, so the output depends on the
seed alone. AWSClientTests reads the committed file; point EKSGUARD_SIGV4_VECTORS at a file made
with another seed to test against a fresh set.
"""
import argparse
import datetime
import json
import random
import sys
from urllib.parse import quote

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SERVICES = ["eks", "ec2", "iam", "sts", "ecr", "logs", "ssm", "guardduty", "execute-api", "s3-like"]
REGIONS = ["us-east-1", "eu-west-3", "ap-southeast-2", "us-gov-west-1", "cn-north-1", "us-iso-east-1"]
HOSTS = ["example.amazonaws.com", "eks.eu-west-3.amazonaws.com", "127.0.0.1", "LocalHost", "vpce-1.example.com"]
SEGMENT_CHARS = "abcXYZ019-_.~!$&'()*+,;=:@ %/?#éü日本"
VALUE_CHARS = "abcXYZ019-_.~ !$&'()*+,;=:@/?#%é日\"<>[]{}|\\^`"
HEADER_NAMES = ["Content-Type", "X-Amz-Target", "X-Custom", "x-amz-meta-Thing", "My-Header1", "Accept",
                "User-Agent", "Connection", "Expect", "X-Amzn-Trace-Id", "Content-Length", "X-Amz-Content-SHA256"]


def random_text(rng, alphabet, low, high):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))


def random_path(rng):
    """A wire path: percent-encoded segments with raw dot segments, empty segments and slashes."""
    parts = []
    for _ in range(rng.randint(0, 5)):
        roll = rng.random()
        if roll < 0.12:
            parts.append(".")
        elif roll < 0.24:
            parts.append("..")
        elif roll < 0.32:
            parts.append("")
        else:
            parts.append(quote(random_text(rng, SEGMENT_CHARS, 1, 8), safe="!$&'()*+,;=:@~"))
    path = "/" + "/".join(parts)
    if parts and rng.random() < 0.3:
        path += "/"
    return path


def random_params(rng, unique):
    params = []
    for _ in range(rng.randint(0, 5)):
        key = random_text(rng, VALUE_CHARS, 1, 6)
        if unique and any(k == key for k, _ in params):
            continue
        value = "" if rng.random() < 0.2 else random_text(rng, VALUE_CHARS, 1, 10)
        params.append([key, value])
        if not unique and rng.random() < 0.3:
            params.append([key, random_text(rng, VALUE_CHARS, 0, 4)])
    return params


def random_headers(rng):
    headers = []
    for _ in range(rng.randint(0, 5)):
        name = rng.choice(HEADER_NAMES)
        if name == "X-Amz-Content-SHA256" and any(n.lower() == name.lower() for n, _ in headers):
            continue
        pad = lambda: rng.choice(["", " ", "  ", "\t"])
        words = [random_text(rng, "abcXYZ019-_/=;,.", 1, 6) for _ in range(rng.randint(1, 3))]
        value = pad() + rng.choice([" ", "  ", " \t "]).join(words) + pad()
        headers.append([name, value])
    if rng.random() < 0.2:
        headers.append(["Host", rng.choice(HOSTS).lower()])
    return headers


class Recorder:
    """Wraps a botocore signer class so the intermediate strings can be read back."""

    @staticmethod
    def wrap(base):
        class Recording(base):
            def string_to_sign(self, request, canonical_request):
                self.recorded_canonical = canonical_request
                self.recorded_sts = super().string_to_sign(request, canonical_request)
                return self.recorded_sts

            def signature(self, string_to_sign, request):
                self.recorded_signature = super().signature(string_to_sign, request)
                return self.recorded_signature

        return Recording


def make_vector(rng, index):
    mode = rng.choice(["header", "header", "header", "unsigned", "streaming", "presign", "presign"])
    scheme = "https" if mode in ("unsigned", "streaming") or rng.random() < 0.7 else "http"
    host = rng.choice(HOSTS)
    port = rng.choice(["", "", ":443", ":80", ":4566", ":8443"])
    method = rng.choice(["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"])
    url = f"{scheme}://{host}{port}{random_path(rng)}"
    params = random_params(rng, unique=(mode == "presign"))
    headers = random_headers(rng) if mode != "presign" else [h for h in random_headers(rng) if h[0] != "X-Amz-Content-SHA256"]
    # Presigned URLs carry no body: botocore would move a form body into the query.
    body = "" if mode == "presign" or method in ("GET", "HEAD") or rng.random() < 0.3 else random_text(rng, VALUE_CHARS, 0, 40)
    service = rng.choice(SERVICES)
    region = rng.choice(REGIONS)
    token = None if rng.random() < 0.5 else "FQoGZXIvYXdzE" + random_text(rng, "abcdefXYZ0123456789+/=", 10, 30)
    access_key = "AKID" + random_text(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 16)
    when = datetime.datetime(2015, 8, 30, 12, 36, 0) + datetime.timedelta(seconds=rng.randint(0, 400_000_000))
    expires = rng.choice([60, 900, 3600, 604800])

    credentials = Credentials(access_key, SECRET, token)
    if mode == "presign":
        signer = Recorder.wrap(botocore.auth.SigV4QueryAuth)(credentials, service, region, expires=expires)
    else:
        signer = Recorder.wrap(botocore.auth.SigV4Auth)(credentials, service, region)
    request = AWSRequest(method=method, url=url, data=body.encode("utf-8"))
    if mode == "presign":
        request.params = {k: v for k, v in params}
    else:
        request.params = [tuple(p) for p in params]
    for name, value in headers:
        request.headers[name] = value
    if mode == "unsigned":
        request.context["payload_signing_enabled"] = False
    if mode == "streaming":
        request.context["checksum"] = {"request_algorithm": {"in": "trailer", "name": "x-amz-checksum-crc32"}}

    botocore.auth.get_current_datetime = lambda: when
    signer.add_auth(request)

    vector = {
        "id": index, "mode": mode, "method": method, "url": url, "params": params, "headers": headers,
        "body": body, "service": service, "region": region, "accessKey": access_key, "secretKey": SECRET,
        "timestamp": when.strftime("%Y%m%dT%H%M%SZ"),
        "canonicalRequest": signer.recorded_canonical, "stringToSign": signer.recorded_sts,
        "signature": signer.recorded_signature,
    }
    if token is not None:
        vector["sessionToken"] = token
    if mode == "presign":
        vector["expires"] = expires
        vector["presignedURL"] = request.url
    else:
        vector["authorization"] = request.headers["Authorization"]
    return vector


def make_token(rng, index):
    """An EKS bearer token made by the AWS CLI's own `aws eks get-token` code (awscli's
    STSClientFactory and TokenGenerator) with fixed credentials and clock."""
    import botocore.session
    from awscli.customizations.eks.get_token import STSClientFactory, TokenGenerator

    region = rng.choice(["us-east-1", "eu-west-3", "ap-southeast-2", "us-gov-west-1"])
    cluster = "cluster-" + random_text(rng, "abcdefghijklmnopqrstuvwxyz0123456789-", 1, 20)
    token = None if rng.random() < 0.5 else "IQoJb3JpZ2luX2VjE" + random_text(rng, "abcdefXYZ0123456789+/=", 10, 30)
    access_key = "ASIA" + random_text(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 16)
    when = datetime.datetime(2024, 1, 1) + datetime.timedelta(seconds=rng.randint(0, 100_000_000))
    session = botocore.session.get_session()
    session.set_credentials(access_key, SECRET, token)
    botocore.auth.get_current_datetime = lambda: when
    sts = STSClientFactory(session).get_sts_client(region_name=region)
    vector = {"id": index, "region": region, "cluster": cluster, "accessKey": access_key, "secretKey": SECRET,
              "timestamp": when.strftime("%Y%m%dT%H%M%SZ"), "token": TokenGenerator(sts).get_token(cluster)}
    if token is not None:
        vector["sessionToken"] = token
    return vector


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--out", default="-")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    vectors = [make_vector(rng, i) for i in range(args.count)]
    tokens = [make_token(rng, i) for i in range(20)]
    text = json.dumps({"botocore": botocore.__version__, "seed": args.seed, "vectors": vectors, "eksTokens": tokens}, indent=1,
                      ensure_ascii=False) + "\n"
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text)


if __name__ == "__main__":
    main()
