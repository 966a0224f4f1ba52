#!/usr/bin/env python3
"""Writes the demo's two snapshots (insecure/ and hardened/snapshot.json) in eksguard's snapshot
format (docs/snapshot.md): what `eksguard collect` would record for two EKS clusters of the fictional
account 111122223333. Run it after changing the scenario; the JSON files are committed."""
import json
import os
import sys
import urllib.parse

ACCOUNT = "111122223333"
REGION = "us-east-1"
OIDC_ID = "B1D5EXAMPLE0D1D0C0FFEE1234567890"


def call(service, operation, parameters=None, response=None, error=None):
    entry = {"service": service, "operation": operation, "parameters": parameters or {}}
    if response is not None:
        entry["response"] = response
    if error is not None:
        entry["error"] = {"kind": "service", "code": error[0], "message": error[1], "httpStatus": error[2]}
    return entry


def arn(service, resource, region=REGION):
    return f"arn:aws:{service}:{region}:{ACCOUNT}:{resource}"


def policy(statements):
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


def role_calls(name, trust, attached, inline=None):
    role_arn = f"arn:aws:iam::{ACCOUNT}:role/{name}"
    calls = [
        call("iam", "GetRole", {"RoleName": name}, {"Role": {
            "RoleName": name, "Arn": role_arn, "Path": "/", "RoleId": "AROA" + name.upper().replace("-", "")[:16],
            "CreateDate": "2025-03-01T10:00:00Z", "AssumeRolePolicyDocument": policy(trust)}}),
        call("iam", "ListAttachedRolePolicies", {"RoleName": name}, {"AttachedPolicies": [
            {"PolicyName": p.split("/")[-1], "PolicyArn": p} for p in attached]}),
        call("iam", "ListRolePolicies", {"RoleName": name}, {"PolicyNames": sorted((inline or {}).keys())}),
    ]
    for policy_name, statements in sorted((inline or {}).items()):
        calls.append(call("iam", "GetRolePolicy", {"RoleName": name, "PolicyName": policy_name},
                          {"RoleName": name, "PolicyName": policy_name, "PolicyDocument": policy(statements)}))
    return calls


def managed_policy(policy_arn, statements):
    return [
        call("iam", "GetPolicy", {"PolicyArn": policy_arn}, {"Policy": {
            "PolicyName": policy_arn.split("/")[-1], "Arn": policy_arn, "DefaultVersionId": "v1"}}),
        call("iam", "GetPolicyVersion", {"PolicyArn": policy_arn, "VersionId": "v1"}, {"PolicyVersion": {
            "Document": policy(statements), "VersionId": "v1", "IsDefaultVersion": True}}),
    ]


AWS_POLICIES = {
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy": [
        {"Effect": "Allow", "Action": ["ec2:DescribeInstances", "ec2:DescribeRouteTables", "ec2:DescribeSecurityGroups",
                                        "ec2:DescribeSubnets", "ec2:DescribeVolumes", "ec2:DescribeVpcs", "eks:DescribeCluster",
                                        "eks-auth:AssumeRoleForPodIdentity"], "Resource": "*"}],
    "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy": [
        {"Effect": "Allow", "Action": ["ec2:AssignPrivateIpAddresses", "ec2:AttachNetworkInterface", "ec2:CreateNetworkInterface",
                                        "ec2:DeleteNetworkInterface", "ec2:DescribeInstances", "ec2:DescribeNetworkInterfaces",
                                        "ec2:DetachNetworkInterface", "ec2:ModifyNetworkInterfaceAttribute", "ec2:UnassignPrivateIpAddresses"],
         "Resource": "*"}],
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly": [
        {"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "Resource": "*"}],
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore": [
        {"Effect": "Allow", "Action": ["ssm:DescribeAssociation", "ssm:GetDocument", "ssm:GetParameter", "ssm:GetParameters",
                                        "ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
                                        "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel", "ec2messages:GetMessages"],
         "Resource": "*"}],
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess": [{"Effect": "Allow", "Action": ["ecr:*"], "Resource": "*"}],
    "arn:aws:iam::aws:policy/AdministratorAccess": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
    "arn:aws:iam::aws:policy/AmazonS3FullAccess": [{"Effect": "Allow", "Action": ["s3:*", "s3-object-lambda:*"], "Resource": "*"}],
    "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"}],
}


def cluster_calls(c):
    """Every call for one cluster description `c` (a dict of scenario choices)."""
    name = c["name"]
    issuer = f"https://oidc.eks.{REGION}.amazonaws.com/id/{OIDC_ID}{c['oidc_suffix']}"
    provider_arn = f"arn:aws:iam::{ACCOUNT}:oidc-provider/oidc.eks.{REGION}.amazonaws.com/id/{OIDC_ID}{c['oidc_suffix']}"
    node_role = f"{name}-node"
    cluster = {
        "name": name, "arn": arn("eks", f"cluster/{name}"), "createdAt": 1735725600.0, "version": c["version"],
        "endpoint": f"https://{OIDC_ID}{c['oidc_suffix']}.gr7.{REGION}.eks.amazonaws.com",
        "roleArn": f"arn:aws:iam::{ACCOUNT}:role/{name}-cluster", "status": "ACTIVE", "platformVersion": "eks.12",
        "resourcesVpcConfig": {
            "subnetIds": c["cluster_subnets"], "securityGroupIds": [], "clusterSecurityGroupId": c["cluster_sg"],
            "vpcId": c["vpc"], "endpointPublicAccess": c["public"], "endpointPrivateAccess": c["private"],
            "publicAccessCidrs": c["cidrs"]},
        "kubernetesNetworkConfig": {"serviceIpv4Cidr": "172.20.0.0/16", "ipFamily": "ipv4"},
        "logging": {"clusterLogging": c["logging"]},
        "identity": {"oidc": {"issuer": issuer}},
        "certificateAuthority": {"data": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM1ekNDQWMrZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo="},
        "health": {"issues": []},
        "accessConfig": {"authenticationMode": c["auth_mode"], "bootstrapClusterCreatorAdminPermissions": c["creator_admin"]},
        "upgradePolicy": {"supportType": c["support_type"]},
        "deletionProtection": c["deletion_protection"],
        "tags": {"team": "shop"},
    }
    if c.get("kms_key"):
        cluster["encryptionConfig"] = [{"resources": ["secrets"], "provider": {"keyArn": c["kms_key"]}}]
    p = {"clusterName": name}
    calls = [
        call("sts", "GetCallerIdentity", {}, {"Account": ACCOUNT, "Arn": f"arn:aws:sts::{ACCOUNT}:assumed-role/security-audit/eksguard",
                                              "UserId": "AROAEXAMPLEAUDIT:eksguard"}),
        call("eks", "DescribeCluster", {"name": name}, {"cluster": cluster}),
        call("eks", "DescribeClusterVersions", {"clusterVersions": [c["version"]]}, {"clusterVersions": [c["version_info"]]}),
        call("eks", "ListNodegroups", p, {"nodegroups": [n["nodegroupName"] for n in c["nodegroups"]]}),
        call("eks", "ListFargateProfiles", p, {"fargateProfileNames": []}),
        call("eks", "ListAddons", p, {"addons": [a["addonName"] for a in c["addons"]]}),
        call("eks", "ListAccessEntries", p, {"accessEntries": [e["principalArn"] for e in c["access_entries"]]}),
        call("eks", "ListPodIdentityAssociations", p, {"associations": [
            {"clusterName": name, "namespace": a["namespace"], "serviceAccount": a["serviceAccount"], "associationArn": a["associationArn"],
             "associationId": a["associationId"]} for a in c["pod_identity"]]}),
        call("eks", "ListInsights", p, {"insights": []}),
    ]
    for ng in c["nodegroups"]:
        ng = dict(ng, clusterName=name, nodegroupArn=arn("eks", f"nodegroup/{name}/{ng['nodegroupName']}/0a1b2c3d"),
                  nodeRole=f"arn:aws:iam::{ACCOUNT}:role/{node_role}", status="ACTIVE", capacityType="ON_DEMAND",
                  scalingConfig={"minSize": 2, "maxSize": 6, "desiredSize": 3}, health={"issues": []})
        calls.append(call("eks", "DescribeNodegroup", {**p, "nodegroupName": ng["nodegroupName"]}, {"nodegroup": ng}))
    for addon in c["addons"]:
        addon = dict(addon, clusterName=name, status=addon.get("status", "ACTIVE"), addonArn=arn("eks", f"addon/{name}/{addon['addonName']}/1"))
        calls.append(call("eks", "DescribeAddon", {**p, "addonName": addon["addonName"]}, {"addon": addon}))
    for entry in c["access_entries"]:
        calls.append(call("eks", "DescribeAccessEntry", {**p, "principalArn": entry["principalArn"]}, {"accessEntry": dict(
            entry, clusterName=name, accessEntryArn=arn("eks", f"access-entry/{name}/role/1"))}))
        calls.append(call("eks", "ListAssociatedAccessPolicies", {**p, "principalArn": entry["principalArn"]}, {
            "clusterName": name, "principalArn": entry["principalArn"], "associatedAccessPolicies": entry.get("_policies", [])}))
        entry.pop("_policies", None)
    for assoc in c["pod_identity"]:
        calls.append(call("eks", "DescribePodIdentityAssociation", {**p, "associationId": assoc["associationId"]}, {"association": dict(assoc, clusterName=name)}))

    # Registry: one repository per image the cluster runs.
    repos = c["repos"]
    repo_arns = {repo: arn("ecr", f"repository/{repo}") for repo, _ in repos}
    calls += [
        call("ecr", "GetRegistryScanningConfiguration", {}, {"registryId": ACCOUNT, "scanningConfiguration": c["registry_scanning"]}),
        call("ecr", "GetAccountSetting", {"name": "BASIC_SCAN_TYPE_VERSION"}, {"name": "BASIC_SCAN_TYPE_VERSION", "value": c["basic_engine"]}),
        call("ecr", "DescribeRepositories", {}, {"repositories": [{
            "repositoryArn": repo_arns[repo], "registryId": ACCOUNT, "repositoryName": repo,
            "repositoryUri": f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/{repo}", "createdAt": 1735725600.0,
            "imageTagMutability": c["tag_mutability"], "imageScanningConfiguration": {"scanOnPush": c["scan_on_push"]},
            "encryptionConfiguration": c["repo_encryption"]} for repo, _ in repos]}),
        call("ecr", "BatchGetRepositoryScanningConfiguration", {"repositoryNames": [repo for repo, _ in repos]}, {"scanningConfigurations": [{
            "repositoryArn": repo_arns[repo], "repositoryName": repo, "scanOnPush": c["scan_on_push"], "scanFrequency": c["scan_frequency"],
            "appliedScanFilters": c["applied_filters"]} for repo, _ in repos], "failures": []}),
        call("inspector2", "BatchGetAccountStatus", {}, {"accounts": [{"accountId": ACCOUNT, "state": {"status": c["inspector"]},
             "resourceState": {"ec2": {"status": c["inspector"]}, "ecr": {"status": c["inspector"]}, "lambda": {"status": "DISABLED"}}}],
             "failedAccounts": []}),
        call("inspector2", "GetConfiguration", {}, {"ecrConfiguration": {"rescanDurationState": {
            "rescanDuration": "DAYS_180", "status": "SUCCESS", "pullDateRescanDuration": "DAYS_90"}}}),
    ]
    for repo, digest in repos:
        image = dict({"registryId": ACCOUNT, "repositoryName": repo, "imageDigest": digest, "imageTags": ["1.8.2"],
                      "imageSizeInBytes": c["image_size"], "imagePushedAt": 1761955200.0,
                      "imageManifestMediaType": "application/vnd.oci.image.manifest.v1+json"}, **c["image_scan"])
        calls.append(call("ecr", "DescribeImages", {"repositoryName": repo}, {"imageDetails": [image]}))
        calls.append(call("ecr", "DescribeImages", {"repositoryName": repo, "imageIds": [{"imageDigest": digest}]}, {"imageDetails": [image]}))
        if c["repo_policy"]:
            calls.append(call("ecr", "GetRepositoryPolicy", {"repositoryName": repo}, {"registryId": ACCOUNT, "repositoryName": repo,
                              "policyText": policy(c["repo_policy"])}))
        else:
            calls.append(call("ecr", "GetRepositoryPolicy", {"repositoryName": repo}, error=("RepositoryPolicyNotFoundException", "Repository policy does not exist", 400)))
        if c["lifecycle"]:
            calls.append(call("ecr", "GetLifecyclePolicy", {"repositoryName": repo}, {"registryId": ACCOUNT, "repositoryName": repo,
                              "lifecyclePolicyText": json.dumps({"rules": [{"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}}]})}))
        else:
            calls.append(call("ecr", "GetLifecyclePolicy", {"repositoryName": repo}, error=("LifecyclePolicyNotFoundException", "Lifecycle policy does not exist", 400)))

    # Account services
    group = f"/aws/eks/{name}/cluster"
    calls.append(call("logs", "DescribeLogGroups", {"logGroupNamePrefix": group}, {"logGroups": c["log_groups"]}))
    if c["log_groups"]:
        calls.append(call("logs", "DescribeMetricFilters", {"logGroupName": group}, {"metricFilters": c["metric_filters"]}))
        calls.append(call("logs", "DescribeSubscriptionFilters", {"logGroupName": group}, {"subscriptionFilters": c["subscription_filters"]}))
    calls.append(call("cloudtrail", "DescribeTrails", {}, {"trailList": c["trails"]}))
    for trail in c["trails"]:
        calls.append(call("cloudtrail", "GetTrailStatus", {"Name": trail["TrailARN"]}, {"IsLogging": True}))
        calls.append(call("cloudtrail", "GetEventSelectors", {"TrailName": trail["TrailARN"]}, {"TrailARN": trail["TrailARN"], "EventSelectors": [
            {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": [], "ExcludeManagementEventSources": []}]}))
    calls.append(call("guardduty", "ListDetectors", {}, {"DetectorIds": [d for d in c["guardduty"]]}))
    for detector, features in c["guardduty"].items():
        calls.append(call("guardduty", "GetDetector", {"DetectorId": detector}, {"Status": "ENABLED", "FindingPublishingFrequency": "FIFTEEN_MINUTES",
                          "ServiceRole": f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty",
                          "Features": features}))
    if c.get("kms_key"):
        calls.append(call("kms", "DescribeKey", {"KeyId": c["kms_key"]}, {"KeyMetadata": {
            "AWSAccountId": ACCOUNT, "KeyId": c["kms_key"].split("/")[-1], "Arn": c["kms_key"], "Enabled": True, "KeyState": "Enabled",
            "KeyManager": "CUSTOMER", "KeyUsage": "ENCRYPT_DECRYPT", "KeySpec": "SYMMETRIC_DEFAULT", "Origin": "AWS_KMS"}}))
        calls.append(call("kms", "GetKeyRotationStatus", {"KeyId": c["kms_key"]}, {"KeyRotationEnabled": True, "KeyId": c["kms_key"], "RotationPeriodInDays": 365}))
    calls.append(call("ssm", "DescribeInstanceInformation", {}, {"InstanceInformationList": c["ssm_instances"]}))
    if c["session_document"]:
        calls.append(call("ssm", "GetDocument", {"Name": "SSM-SessionManagerRunShell"}, {"Name": "SSM-SessionManagerRunShell", "DocumentType": "Session",
                          "DocumentFormat": "JSON", "Content": json.dumps({"schemaVersion": "1.0", "description": "Session preferences", "sessionType": "Standard_Stream",
                          "inputs": c["session_document"]})}))
    else:
        calls.append(call("ssm", "GetDocument", {"Name": "SSM-SessionManagerRunShell"}, error=("InvalidDocument", "Document with name SSM-SessionManagerRunShell does not exist.", 400)))
    for arch in ["x86_64"]:
        calls.append(call("ssm", "GetParameter", {"Name": f"/aws/service/eks/optimized-ami/{c['version']}/amazon-linux-2023/{arch}/standard/recommended/release_version"},
                          {"Parameter": {"Name": f"/aws/service/eks/optimized-ami/{c['version']}/amazon-linux-2023/{arch}/standard/recommended/release_version",
                                         "Type": "String", "Value": c["latest_release"], "Version": 42}}))
    calls.append(call("iam", "ListOpenIDConnectProviders", {}, {"OpenIDConnectProviderList": [{"Arn": provider_arn}]}))
    calls.append(call("iam", "GetOpenIDConnectProvider", {"OpenIDConnectProviderArn": provider_arn}, {
        "Url": issuer.removeprefix("https://"), "ClientIDList": ["sts.amazonaws.com"], "ThumbprintList": ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]}))

    # Compute and network
    instances = c["instances"]
    calls += [
        call("autoscaling", "DescribeAutoScalingGroups", {"AutoScalingGroupNames": [f"eks-{n['nodegroupName']}-0a1b2c3d" for n in c["nodegroups"]]},
             {"AutoScalingGroups": [{"AutoScalingGroupName": f"eks-{n['nodegroupName']}-0a1b2c3d", "MinSize": 2, "MaxSize": 6, "DesiredCapacity": 3,
                                     "VPCZoneIdentifier": ",".join(n["subnets"]), "Instances": [{"InstanceId": i["InstanceId"]} for i in instances],
                                     "Tags": [{"Key": f"kubernetes.io/cluster/{name}", "Value": "owned"}]} for n in c["nodegroups"]]}),
        call("autoscaling", "DescribeAutoScalingGroups", {"Filters": [{"Name": "tag-key", "Values": [f"kubernetes.io/cluster/{name}"]}]}, {"AutoScalingGroups": []}),
        call("ec2", "DescribeSubnets", {"SubnetIds": sorted({s["SubnetId"] for s in c["subnets"]})}, {"Subnets": c["subnets"]}),
        call("ec2", "DescribeRouteTables", {"Filters": [{"Name": "vpc-id", "Values": [c["vpc"]]}]}, {"RouteTables": c["route_tables"]}),
        call("ec2", "DescribeNetworkAcls", {"Filters": [{"Name": "vpc-id", "Values": [c["vpc"]]}]}, {"NetworkAcls": []}),
        call("ec2", "DescribeInstances", {"Filters": [{"Name": "vpc-id", "Values": [c["vpc"]]}]}, {"Reservations": [{"ReservationId": "r-0demo", "OwnerId": ACCOUNT, "Instances": instances}]}),
        call("ec2", "DescribeImages", {"ImageIds": sorted({i["ImageId"] for i in instances})}, {"Images": c["images"]}),
        call("ec2", "DescribeInstanceTypes", {"InstanceTypes": sorted({i["InstanceType"] for i in instances})}, {"InstanceTypes": c["instance_types"]}),
        call("ec2", "GetInstanceMetadataDefaults", {}, {"AccountLevel": c["imds_defaults"]}),
        call("ec2", "DescribeVpcEncryptionControls", {"VpcIds": [c["vpc"]]}, {"VpcEncryptionControls": c["vpc_encryption"]}),
        call("elbv2", "DescribeLoadBalancers", {}, {"LoadBalancers": c["load_balancers"]}),
    ]
    for lb, listeners in c["listeners"].items():
        calls.append(call("elbv2", "DescribeListeners", {"LoadBalancerArn": lb}, {"Listeners": listeners}))
    for group_id, rules in c["sg_rules"].items():
        calls.append(call("ec2", "DescribeSecurityGroupRules", {"Filters": [{"Name": "group-id", "Values": [group_id]}]}, {"SecurityGroupRules": [
            dict({"SecurityGroupRuleId": f"sgr-{group_id[3:]}{k}", "GroupId": group_id, "GroupOwnerId": ACCOUNT, "IsEgress": False}, **r)
            for k, r in enumerate(rules)]}))
    calls += role_calls(node_role, [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}], c["node_policies"])
    calls += role_calls(f"{name}-cluster", [{"Effect": "Allow", "Principal": {"Service": "eks.amazonaws.com"}, "Action": ["sts:AssumeRole", "sts:TagSession"]}],
                        ["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"])
    for role in c["app_roles"]:
        trust = role["trust"](provider_arn, issuer.removeprefix("https://"))
        calls += role_calls(role["name"], trust, role["attached"], role.get("inline"))
    roles = [e for e in calls if e["operation"] == "GetRole"]
    calls.append(call("iam", "ListRoles", {}, {"Roles": [e["response"]["Role"] for e in roles]}))
    used = set(c["node_policies"]) | {p for r in c["app_roles"] for p in r["attached"]} | {"arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"}
    for policy_arn in sorted(used):
        calls += managed_policy(policy_arn, AWS_POLICIES.get(policy_arn, [{"Effect": "Allow", "Action": ["eks:*", "ec2:Describe*"], "Resource": "*"}]))

    calls.sort(key=lambda e: (e["service"], e["operation"], json.dumps(e["parameters"], sort_keys=True, separators=(",", ":"))))
    return {
        "formatVersion": 1, "generator": "eksguard demo (examples/demo/make_snapshots.py)", "collectedAt": "2026-11-20T09:00:00Z",
        "clusterName": name, "region": REGION, "accountID": ACCOUNT,
        "callerARN": f"arn:aws:sts::{ACCOUNT}:assumed-role/security-audit/eksguard", "credentialSource": "profile audit (assume role)",
        "calls": calls,
    }


def instance(instance_id, subnet, sg, public_ip, key, tokens, hops, image, itype, name):
    item = {
        "InstanceId": instance_id, "ImageId": image, "InstanceType": itype, "SubnetId": subnet, "VpcId": None,
        "PrivateIpAddress": "10.0.1.15", "PrivateDnsName": f"ip-10-0-1-15.ec2.internal",
        "State": {"Code": 16, "Name": "running"}, "Architecture": "x86_64", "LaunchTime": "2026-11-02T08:00:00.000Z",
        "SecurityGroups": [{"GroupId": sg, "GroupName": "eks-node"}],
        "IamInstanceProfile": {"Arn": f"arn:aws:iam::{ACCOUNT}:instance-profile/{name}-node", "Id": "AIPADEMO"},
        "MetadataOptions": {"State": "applied", "HttpTokens": tokens, "HttpPutResponseHopLimit": hops, "HttpEndpoint": "enabled",
                            "HttpProtocolIpv6": "disabled", "InstanceMetadataTags": "disabled"},
        "Tags": [{"Key": f"kubernetes.io/cluster/{name}", "Value": "owned"}, {"Key": "eks:cluster-name", "Value": name},
                 {"Key": "eks:nodegroup-name", "Value": "workers"}],
        "NetworkInterfaces": [{"NetworkInterfaceId": f"eni-{instance_id[2:]}", "SubnetId": subnet, "Groups": [{"GroupId": sg, "GroupName": "eks-node"}]}],
    }
    if public_ip:
        item["PublicIpAddress"] = public_ip
        item["NetworkInterfaces"][0]["Association"] = {"PublicIp": public_ip, "IpOwnerId": "amazon"}
    if key:
        item["KeyName"] = key
    return item


def insecure():
    name, vpc = "shop-prod", "vpc-0a11ce5ecure0001"
    ami = "ami-0a12de5c0de4a12e1"
    subnets = [{"SubnetId": s, "VpcId": vpc, "CidrBlock": cidr, "AvailabilityZone": az, "MapPublicIpOnLaunch": True,
                "AssignIpv6AddressOnCreation": False, "State": "available"}
               for s, cidr, az in [("subnet-0pub1a", "10.0.1.0/24", "us-east-1a"), ("subnet-0pub1b", "10.0.2.0/24", "us-east-1b")]]
    return cluster_calls({
        "name": name, "oidc_suffix": "", "version": "1.32", "vpc": vpc, "cluster_subnets": ["subnet-0pub1a", "subnet-0pub1b"],
        "cluster_sg": "sg-0c1u5ter", "public": True, "private": False, "cidrs": ["0.0.0.0/0", "::/0"],
        "logging": [{"types": ["api", "audit", "authenticator", "controllerManager", "scheduler"], "enabled": False}],
        "auth_mode": "CONFIG_MAP", "creator_admin": True, "support_type": "EXTENDED", "deletion_protection": False,
        "version_info": {"clusterVersion": "1.32", "clusterType": "eks", "versionStatus": "EXTENDED_SUPPORT", "status": "EXTENDED_SUPPORT",
                         "releaseDate": 1737590400.0, "endOfStandardSupportDate": 1774224000.0, "endOfExtendedSupportDate": 1805760000.0},
        "nodegroups": [{"nodegroupName": "workers", "version": "1.28", "releaseVersion": "1.28.13-20240917", "amiType": "AL2_x86_64",
                        "instanceTypes": ["m5.large"], "subnets": ["subnet-0pub1a", "subnet-0pub1b"], "diskSize": 20,
                        "remoteAccess": {"ec2SshKey": "ops-shared"},
                        "resources": {"autoScalingGroups": [{"name": "eks-workers-0a1b2c3d"}], "remoteAccessSecurityGroup": "sg-0rem0te"},
                        "labels": {}, "createdAt": 1735725600.0}],
        "addons": [{"addonName": "vpc-cni", "addonVersion": "v1.18.3-eksbuild.1"}, {"addonName": "kube-proxy", "addonVersion": "v1.28.12-eksbuild.5"},
                   {"addonName": "aws-ebs-csi-driver", "addonVersion": "v1.35.0-eksbuild.1"}],
        "access_entries": [], "pod_identity": [],
        "registry_scanning": {"scanType": "BASIC", "rules": []}, "basic_engine": "CLAIR", "tag_mutability": "MUTABLE", "scan_on_push": False,
        "scan_frequency": "MANUAL", "applied_filters": [], "repo_encryption": {"encryptionType": "AES256"},
        "repos": [("shop/web", "sha256:5a4c1e0d8f7b3a2c9e6d1f0b4a7c3e2d9f8b1a0c6e5d4f3a2b1c0d9e8f7a6b5c")], "image_size": 912000000,
        "image_scan": {}, "inspector": "DISABLED",
        "repo_policy": [{"Sid": "pull-anyone", "Effect": "Allow", "Principal": "*", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:PutImage"]}],
        "lifecycle": False, "log_groups": [], "metric_filters": [], "subscription_filters": [], "trails": [], "guardduty": {},
        "ssm_instances": [], "session_document": None, "latest_release": "1.32.9-20261110",
        "subnets": subnets,
        "route_tables": [{"RouteTableId": "rtb-0main", "VpcId": vpc, "Associations": [{"Main": True, "RouteTableId": "rtb-0main"}],
                          "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
                                     {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0a11ce", "State": "active"},
                                     {"DestinationIpv6CidrBlock": "::/0", "GatewayId": "igw-0a11ce", "State": "active"}]}],
        "instances": [instance("i-0a11ce00000000001", "subnet-0pub1a", "sg-0n0de", "54.210.10.20", "ops-shared", "optional", 2, ami, "m5.large", name)],
        "images": [{"ImageId": ami, "Name": "amazon-eks-node-1.28-v20240917", "OwnerId": "602401143452", "CreationDate": "2024-09-17T20:11:02.000Z",
                    "DeprecationTime": "2026-09-17T20:11:00.000Z", "Architecture": "x86_64", "PlatformDetails": "Linux/UNIX", "State": "available"}],
        "instance_types": [{"InstanceType": "m5.large", "NetworkInfo": {"EncryptionInTransitSupported": False}, "Hypervisor": "nitro"}],
        "imds_defaults": {}, "vpc_encryption": [],
        "load_balancers": [{"LoadBalancerArn": arn("elasticloadbalancing", "loadbalancer/app/k8s-shop-web/0a1b"), "LoadBalancerName": "k8s-shop-web",
                            "DNSName": "k8s-shop-web-1.us-east-1.elb.amazonaws.com", "Scheme": "internet-facing", "VpcId": vpc, "Type": "application"}],
        "listeners": {arn("elasticloadbalancing", "loadbalancer/app/k8s-shop-web/0a1b"): [
            {"ListenerArn": arn("elasticloadbalancing", "listener/app/k8s-shop-web/0a1b/80"), "Port": 80, "Protocol": "HTTP",
             "DefaultActions": [{"Type": "forward", "TargetGroupArn": arn("elasticloadbalancing", "targetgroup/k8s-shop-web/1")}]}]},
        "sg_rules": {
            "sg-0rem0te": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIpv4": "0.0.0.0/0"}],
            "sg-0n0de": [{"IpProtocol": "-1", "FromPort": -1, "ToPort": -1, "ReferencedGroupInfo": {"GroupId": "sg-0c1u5ter"}},
                         {"IpProtocol": "tcp", "FromPort": 30000, "ToPort": 32767, "CidrIpv6": "::/0"}],
            "sg-0c1u5ter": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv4": "0.0.0.0/0"}],
        },
        "node_policies": ["arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy", "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
                          "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess", "arn:aws:iam::aws:policy/AdministratorAccess"],
        "app_roles": [{"name": "shop-prod-orders", "attached": ["arn:aws:iam::aws:policy/AmazonS3FullAccess"],
                       "trust": lambda provider, host: [{"Effect": "Allow", "Principal": {"Federated": provider},
                                                         "Action": "sts:AssumeRoleWithWebIdentity"}]},
                      {"name": "shop-prod-reports", "attached": ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
                       "trust": lambda provider, host: [{"Effect": "Allow", "Principal": {"Federated": provider},
                                                         "Action": "sts:AssumeRoleWithWebIdentity",
                                                         "Condition": {"StringLike": {f"{host}:sub": "system:serviceaccount:*:*"}}}]}],
    })


def hardened():
    name, vpc = "shop-hardened", "vpc-0ha4de4ed0001"
    ami = "ami-0a2023c0de4a12e19"
    subnets = [{"SubnetId": s, "VpcId": vpc, "CidrBlock": cidr, "AvailabilityZone": az, "MapPublicIpOnLaunch": False,
                "AssignIpv6AddressOnCreation": False, "State": "available"}
               for s, cidr, az in [("subnet-0priv1a", "10.1.1.0/24", "us-east-1a"), ("subnet-0priv1b", "10.1.2.0/24", "us-east-1b")]]
    detector_features = [
        {"Name": "EKS_AUDIT_LOGS", "Status": "ENABLED"},
        {"Name": "RUNTIME_MONITORING", "Status": "ENABLED", "AdditionalConfiguration": [{"Name": "EKS_ADDON_MANAGEMENT", "Status": "ENABLED"}]}]
    key = arn("kms", "key/0f0e0d0c-1111-2222-3333-444455556666")
    return cluster_calls({
        "name": name, "oidc_suffix": "H", "version": "1.34", "vpc": vpc, "cluster_subnets": ["subnet-0priv1a", "subnet-0priv1b"],
        "cluster_sg": "sg-0hc1u5ter", "public": False, "private": True, "cidrs": [],
        "logging": [{"types": ["api", "audit", "authenticator", "controllerManager", "scheduler"], "enabled": True}],
        "auth_mode": "API", "creator_admin": False, "support_type": "STANDARD", "deletion_protection": True, "kms_key": key,
        "version_info": {"clusterVersion": "1.34", "clusterType": "eks", "versionStatus": "STANDARD_SUPPORT", "status": "STANDARD_SUPPORT",
                         "releaseDate": 1759190400.0, "endOfStandardSupportDate": 1827619200.0, "endOfExtendedSupportDate": 1874966400.0},
        "nodegroups": [{"nodegroupName": "workers", "version": "1.34", "releaseVersion": "1.34.1-20261110", "amiType": "AL2023_x86_64_STANDARD",
                        "instanceTypes": ["m7i.large"], "subnets": ["subnet-0priv1a", "subnet-0priv1b"],
                        "resources": {"autoScalingGroups": [{"name": "eks-workers-0a1b2c3d"}]}, "labels": {}, "createdAt": 1761955200.0}],
        "addons": [{"addonName": "vpc-cni", "addonVersion": "v1.20.4-eksbuild.1", "configurationValues": json.dumps({"enableNetworkPolicy": "true"}),
                    "podIdentityAssociations": [arn("eks", "podidentityassociation/shop-hardened/a-cni")]},
                   {"addonName": "eks-pod-identity-agent", "addonVersion": "v1.3.8-eksbuild.2"},
                   {"addonName": "aws-ebs-csi-driver", "addonVersion": "v1.48.0-eksbuild.1", "podIdentityAssociations": [arn("eks", "podidentityassociation/shop-hardened/a-ebs")]}],
        "access_entries": [{"principalArn": f"arn:aws:iam::{ACCOUNT}:role/platform-admins", "kubernetesGroups": [], "type": "STANDARD",
                            "username": f"arn:aws:sts::{ACCOUNT}:assumed-role/platform-admins/{{{{SessionName}}}}",
                            "_policies": [{"policyArn": "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
                                           "accessScope": {"type": "cluster", "namespaces": []}}]}],
        "pod_identity": [{"associationId": "a-orders", "associationArn": arn("eks", "podidentityassociation/shop-hardened/a-orders"),
                          "namespace": "shop", "serviceAccount": "orders", "roleArn": f"arn:aws:iam::{ACCOUNT}:role/shop-hardened-orders",
                          "disableSessionTags": False}],
        "registry_scanning": {"scanType": "ENHANCED", "rules": [{"scanFrequency": "CONTINUOUS_SCAN", "repositoryFilters": [{"filter": "*", "filterType": "WILDCARD"}]}]},
        "basic_engine": "AWS_NATIVE", "tag_mutability": "IMMUTABLE", "scan_on_push": True, "scan_frequency": "CONTINUOUS_SCAN",
        "applied_filters": [{"filter": "*", "filterType": "WILDCARD"}], "repo_encryption": {"encryptionType": "KMS", "kmsKey": key},
        "repos": [("shop/web", "sha256:0b9a8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b"),
                  ("istio/pilot", "sha256:1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d"),
                  ("istio/proxyv2", "sha256:2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e")], "image_size": 48200000,
        "image_scan": {"imageScanStatus": {"status": "ACTIVE", "description": "Continuous scan is selected for image."},
                       "imageScanFindingsSummary": {"imageScanCompletedAt": 1763370000.0, "findingSeverityCounts": {"LOW": 2}}},
        "inspector": "ENABLED", "repo_policy": None, "lifecycle": True,
        "log_groups": [{"logGroupName": f"/aws/eks/{name}/cluster", "arn": arn("logs", f"log-group:/aws/eks/{name}/cluster:*"),
                        "retentionInDays": 365, "kmsKeyId": key, "storedBytes": 73400320}],
        "metric_filters": [{"filterName": "forbidden-requests", "logGroupName": f"/aws/eks/{name}/cluster", "filterPattern": "{ $.responseStatus.code = 403 }"}],
        "subscription_filters": [{"filterName": "to-siem", "logGroupName": f"/aws/eks/{name}/cluster", "destinationArn": arn("firehose", "deliverystream/siem")}],
        "trails": [{"Name": "org-trail", "TrailARN": arn("cloudtrail", "trail/org-trail"), "IsMultiRegionTrail": True, "IsOrganizationTrail": True,
                    "HomeRegion": REGION, "S3BucketName": "org-cloudtrail-logs", "LogFileValidationEnabled": True, "KmsKeyId": key}],
        "guardduty": {"8ac0ffee12345678": detector_features},
        "ssm_instances": [{"InstanceId": "i-0ha4de4ed0000001", "PingStatus": "Online", "AgentVersion": "3.3.3050.0", "IsLatestVersion": True,
                           "PlatformType": "Linux", "PlatformName": "Amazon Linux", "ResourceType": "EC2Instance"}],
        "session_document": {"s3BucketName": "", "s3EncryptionEnabled": True, "cloudWatchLogGroupName": "/ssm/sessions",
                             "cloudWatchEncryptionEnabled": True, "cloudWatchStreamingEnabled": True, "kmsKeyId": key,
                             "idleSessionTimeout": "20", "maxSessionDuration": "60", "runAsEnabled": False},
        "latest_release": "1.34.1-20261110",
        "subnets": subnets,
        "route_tables": [{"RouteTableId": "rtb-0hpriv", "VpcId": vpc, "Associations": [{"Main": True, "RouteTableId": "rtb-0hpriv"}],
                          "Routes": [{"DestinationCidrBlock": "10.1.0.0/16", "GatewayId": "local", "State": "active"},
                                     {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-0h4de4ed", "State": "active"}]}],
        "instances": [instance("i-0ha4de4ed0000001", "subnet-0priv1a", "sg-0hn0de", None, None, "required", 1, ami, "m7i.large", name)],
        "images": [{"ImageId": ami, "Name": "amazon-eks-node-al2023-x86_64-standard-1.34-v20261110", "OwnerId": "602401143452",
                    "CreationDate": "2026-11-10T18:02:11.000Z", "DeprecationTime": "2028-11-10T18:02:00.000Z", "Architecture": "x86_64",
                    "ImdsSupport": "v2.0", "PlatformDetails": "Linux/UNIX", "State": "available"}],
        "instance_types": [{"InstanceType": "m7i.large", "NetworkInfo": {"EncryptionInTransitSupported": True}, "Hypervisor": "nitro"}],
        "imds_defaults": {"HttpTokens": "required", "HttpPutResponseHopLimit": 1, "HttpEndpoint": "enabled"},
        "vpc_encryption": [{"VpcId": vpc, "VpcEncryptionControlId": "vpcec-0h4de4ed", "Mode": "enforce", "State": "available"}],
        "load_balancers": [{"LoadBalancerArn": arn("elasticloadbalancing", "loadbalancer/app/k8s-shop-web/0h4d"), "LoadBalancerName": "k8s-shop-web",
                            "DNSName": "internal-k8s-shop-web-1.us-east-1.elb.amazonaws.com", "Scheme": "internal", "VpcId": vpc, "Type": "application"}],
        "listeners": {arn("elasticloadbalancing", "loadbalancer/app/k8s-shop-web/0h4d"): [
            {"ListenerArn": arn("elasticloadbalancing", "listener/app/k8s-shop-web/0h4d/443"), "Port": 443, "Protocol": "HTTPS",
             "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06", "Certificates": [{"CertificateArn": arn("acm", "certificate/0h4d")}],
             "DefaultActions": [{"Type": "forward", "TargetGroupArn": arn("elasticloadbalancing", "targetgroup/k8s-shop-web/2")}]}]},
        "sg_rules": {
            "sg-0hn0de": [{"IpProtocol": "-1", "FromPort": -1, "ToPort": -1, "ReferencedGroupInfo": {"GroupId": "sg-0hc1u5ter"}}],
            "sg-0hc1u5ter": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv4": "10.1.0.0/16"}],
        },
        "node_policies": ["arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy", "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly"],
        "app_roles": [{"name": "shop-hardened-orders", "attached": ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
                       "trust": lambda provider, host: [{"Effect": "Allow", "Principal": {"Service": "pods.eks.amazonaws.com"},
                                                         "Action": ["sts:AssumeRole", "sts:TagSession"],
                                                         "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT},
                                                                       "ArnEquals": {"aws:SourceArn": arn("eks", f"cluster/{name}")}}}]},
                      {"name": "shop-hardened-reports", "attached": ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
                       "trust": lambda provider, host: [{"Effect": "Allow", "Principal": {"Federated": provider},
                                                         "Action": "sts:AssumeRoleWithWebIdentity",
                                                         "Condition": {"StringEquals": {f"{host}:sub": "system:serviceaccount:shop:reports",
                                                                                        f"{host}:aud": "sts.amazonaws.com"}}}]}],
    })


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for folder, build in [("insecure", insecure), ("hardened", hardened)]:
        snapshot = build()
        for c in snapshot["calls"]:
            for inst in c.get("response", {}).get("Reservations", [{}])[0].get("Instances", []) if c["operation"] == "DescribeInstances" else []:
                inst["VpcId"] = c["parameters"]["Filters"][0]["Values"][0]
        os.makedirs(os.path.join(here, folder), exist_ok=True)
        with open(os.path.join(here, folder, "snapshot.json"), "w") as out:
            json.dump(snapshot, out, indent=2, sort_keys=True)
            out.write("\n")
        print(f"{folder}/snapshot.json: {len(snapshot['calls'])} calls", file=sys.stderr)


if __name__ == "__main__":
    main()
