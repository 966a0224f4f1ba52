#!/usr/bin/env python3
"""Writes Sources/AWSClient/Resources/models.json from the botocore API models installed here.

For each operation eksguard calls it keeps what the wire protocols need and nothing else: the
service metadata (protocol, endpoint prefix, signing name, JSON target prefix, API version), the
operation's HTTP binding, its paginator, and the closure of input and output shapes (member
names, XML location names, list flattening, member locations for rest-json). Documentation is
dropped. Run it again after adding an operation to OPERATIONS.
"""
import json
import os
import sys

import botocore
from botocore.loaders import Loader

OPERATIONS = {
    "eks": ["ListClusters", "DescribeCluster", "ListNodegroups", "DescribeNodegroup", "ListFargateProfiles",
            "DescribeFargateProfile", "ListAddons", "DescribeAddon", "ListAccessEntries", "DescribeAccessEntry",
            "ListAssociatedAccessPolicies", "ListPodIdentityAssociations", "DescribePodIdentityAssociation",
            "ListInsights", "DescribeInsight", "DescribeClusterVersions", "CreateCluster", "CreateNodegroup"],
    "ec2": ["DescribeInstances", "DescribeLaunchTemplateVersions", "DescribeImages", "DescribeInstanceTypes",
            "DescribeSubnets", "DescribeRouteTables", "DescribeSecurityGroupRules", "DescribeNetworkAcls",
            "GetInstanceMetadataDefaults", "DescribeVpcs", "DescribeSecurityGroups", "GetManagedPrefixListEntries",
            "DescribeVpcEncryptionControls", "GetVpcResourcesBlockingEncryptionEnforcement"],
    "autoscaling": ["DescribeAutoScalingGroups"],
    "ecr": ["DescribeRepositories", "GetRepositoryPolicy", "GetLifecyclePolicy", "GetRegistryScanningConfiguration",
            "BatchGetRepositoryScanningConfiguration", "DescribeImages", "DescribeImageScanFindings", "GetAccountSetting",
            "GetAuthorizationToken"],
    "inspector2": ["BatchGetAccountStatus", "GetConfiguration"],
    "iam": ["ListOpenIDConnectProviders", "GetOpenIDConnectProvider", "GetRole", "ListAttachedRolePolicies",
            "ListRolePolicies", "GetRolePolicy", "GetPolicy", "GetPolicyVersion", "GetInstanceProfile", "ListRoles"],
    "ssm": ["DescribeInstanceInformation", "GetDocument", "GetParameter"],
    "logs": ["DescribeLogGroups", "DescribeMetricFilters", "DescribeSubscriptionFilters"],
    "cloudtrail": ["DescribeTrails", "GetTrailStatus", "GetEventSelectors"],
    "guardduty": ["ListDetectors", "GetDetector"],
    "kms": ["DescribeKey", "GetKeyRotationStatus"],
    "elbv2": ["DescribeLoadBalancers", "DescribeListeners"],
    "appmesh": ["ListMeshes", "ListVirtualNodes", "DescribeVirtualNode"],
    "sts": ["GetCallerIdentity", "AssumeRole", "AssumeRoleWithWebIdentity"],
}

SHAPE_KEYS = ["type", "member", "members", "key", "value", "flattened", "locationName", "timestampFormat",
              "required", "payload", "locationName"]
MEMBER_KEYS = ["shape", "locationName", "location", "queryName", "flattened", "jsonvalue"]


def closure(shapes, name, into):
    if name in into:
        return
    shape = shapes[name]
    kept = {k: shape[k] for k in ["type", "flattened", "locationName", "timestampFormat", "payload"] if k in shape}
    into[name] = kept
    if "members" in shape:
        kept["members"] = {m: {k: v[k] for k in MEMBER_KEYS if k in v} for m, v in shape["members"].items()}
        for member in shape["members"].values():
            closure(shapes, member["shape"], into)
    for part in ("member", "key", "value"):
        if part in shape:
            kept[part] = {k: shape[part][k] for k in MEMBER_KEYS if k in shape[part]}
            closure(shapes, shape[part]["shape"], into)


def main():
    loader = Loader()
    out = {"botocore": botocore.__version__, "services": {}}
    for service, operations in OPERATIONS.items():
        model = loader.load_service_model(service, "service-2")
        try:
            paginators = loader.load_service_model(service, "paginators-1")["pagination"]
        except Exception:
            paginators = {}
        meta = model["metadata"]
        shapes = {}
        ops = {}
        for name in operations:
            op = model["operations"][name]
            entry = {"http": op["http"]}
            for part in ("input", "output"):
                if part in op:
                    entry[part] = op[part]["shape"]
                    closure(model["shapes"], op[part]["shape"], shapes)
            if "resultWrapper" in op.get("output", {}):
                entry["resultWrapper"] = op["output"]["resultWrapper"]
            if name in paginators:
                entry["paginator"] = paginators[name]
            ops[name] = entry
        out["services"][service] = {
            "metadata": {k: meta[k] for k in ["protocol", "endpointPrefix", "signingName", "targetPrefix",
                                               "apiVersion", "jsonVersion", "serviceId", "globalEndpoint"]
                         if k in meta},
            "operations": ops,
            "shapes": shapes,
        }
    target = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "Sources", "AWSClient", "Resources", "models.json")
    with open(target, "w") as handle:
        json.dump(out, handle, sort_keys=True, separators=(",", ":"))
        handle.write("\n")


if __name__ == "__main__":
    main()
