#!/usr/bin/env python3
"""Builds two EKS scenarios in a moto server with boto3 and prints what it created as JSON.

Usage: build_scenarios.py ENDPOINT_URL SUFFIX

"insecure-SUFFIX": public subnets routed to an internet gateway, SSH open to the world, a
public API endpoint open to 0.0.0.0/0, an AL2 node group with remote access, a mutable ECR
repository without scanning whose policy allows everyone, no logging, no secrets encryption.
"hardened-SUFFIX": private subnets behind a NAT gateway, a private endpoint, every log type,
KMS secrets encryption, a node group from a launch template, an immutable ECR repository with
scan on push and a lifecycle policy, a log group with a metric filter. The insecure account part
also holds two pushed images (the older one "running", the newer one scanned), an IRSA role
trusting the cluster's OIDC issuer and a look-alike trusting a longer issuer ID, a role for a
service-account annotation, an App Mesh mesh with a virtual node, and security-group rules from a
managed prefix list. Both share an IAM OIDC provider. SUFFIX keeps runs apart on one server.
"""
import json
import sys
import time

import boto3

ENDPOINT, SUFFIX = sys.argv[1], sys.argv[2]
REGION = "us-east-1"


def client(name):
    return boto3.client(name, region_name=REGION, endpoint_url=ENDPOINT, aws_access_key_id="AKIDMOTOFIXTURE",
                        aws_secret_access_key="fixture-secret")


ec2, eks, iam, ecr, kms, logs, appmesh = (client(n) for n in ("ec2", "eks", "iam", "ecr", "kms", "logs", "appmesh"))
ACCOUNT = "123456789012"

TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": ["eks.amazonaws.com", "ec2.amazonaws.com"]},
     "Action": "sts:AssumeRole"}]})


def role(name, trust=TRUST):
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust)["Role"]["Arn"]
    managed = iam.create_policy(PolicyName="managed-" + name, PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "eks:Describe*", "Resource": "*"}]}))
    iam.attach_role_policy(RoleName=name, PolicyArn=managed["Policy"]["Arn"])
    iam.put_role_policy(RoleName=name, PolicyName="inline-" + name, PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}]}))
    return arn


def irsa_trust(provider_path):
    """A service-account trust policy on the cluster's OIDC provider, as IRSA sets it up."""
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
        "Principal": {"Federated": f"arn:aws:iam::{ACCOUNT}:oidc-provider/{provider_path}"},
        "Condition": {"StringEquals": {f"{provider_path}:sub": "system:serviceaccount:default:app"}}}]})


def push_image(repository, marker):
    """Pushes an image manifest and returns its digest (moto derives it from the layer digests)."""
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                           "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 7023,
                                      "digest": "sha256:" + marker * 64},
                           "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 32,
                                       "digest": "sha256:" + marker * 64}]})
    return ecr.put_image(repositoryName=repository, imageManifest=manifest, imageTag="v-" + marker)["image"]["imageId"]["imageDigest"]


def network(cidr, public):
    vpc = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=cidr.replace(".0.0/16", f".{i}.0/24"),
                                 AvailabilityZone=f"{REGION}{zone}")["Subnet"]["SubnetId"]
               for i, zone in ((1, "a"), (2, "b"))]
    table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    if public:
        gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc)
        ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=gateway)
        for subnet in subnets:
            ec2.modify_subnet_attribute(SubnetId=subnet, MapPublicIpOnLaunch={"Value": True})
    else:
        gateway = ec2.create_nat_gateway(SubnetId=subnets[0])["NatGateway"]["NatGatewayId"]
        ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=gateway)
    for subnet in subnets:
        ec2.associate_route_table(RouteTableId=table, SubnetId=subnet)
    group = ec2.create_security_group(GroupName="nodes-" + cidr, Description="nodes", VpcId=vpc)["GroupId"]
    source = "0.0.0.0/0" if public else cidr
    prefix_list = ec2.create_managed_prefix_list(
        PrefixListName="admins-" + cidr, MaxEntries=5, AddressFamily="IPv4",
        Entries=[{"Cidr": "198.51.100.0/24", "Description": "office"}])["PrefixList"]["PrefixListId"]
    ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": source}]},
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "PrefixListIds": [{"PrefixListId": prefix_list}]}])
    return vpc, subnets, table, gateway, group, prefix_list


def insecure():
    name = "insecure-" + SUFFIX
    vpc, subnets, table, gateway, group, prefix_list = network("10.1.0.0/16", public=True)
    cluster_role, node_role = role(name + "-cluster"), role(name + "-node")
    cluster = eks.create_cluster(
        name=name, version="1.29", roleArn=cluster_role,
        resourcesVpcConfig={"subnetIds": subnets, "securityGroupIds": [group], "endpointPublicAccess": True,
                            "endpointPrivateAccess": False, "publicAccessCidrs": ["0.0.0.0/0"]})["cluster"]
    eks.create_nodegroup(
        clusterName=name, nodegroupName="ng-al2", nodeRole=node_role, subnets=subnets, amiType="AL2_x86_64",
        instanceTypes=["t3.medium"], remoteAccess={"ec2SshKey": "ops-key", "sourceSecurityGroups": [group]},
        scalingConfig={"minSize": 1, "maxSize": 2, "desiredSize": 1})
    repo = ecr.create_repository(repositoryName="insecure-app-" + SUFFIX, imageTagMutability="MUTABLE",
                                 imageScanningConfiguration={"scanOnPush": False})["repository"]
    ecr.set_repository_policy(repositoryName=repo["repositoryName"], policyText=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Sid": "all", "Effect": "Allow", "Principal": "*",
                                                "Action": "ecr:BatchGetImage"}]}))
    # An older image that pods run, and a newer push: the latest image is scanned, the running one is not.
    running = push_image(repo["repositoryName"], "1")
    time.sleep(1.1)  # moto stamps pushes to the second
    latest = push_image(repo["repositoryName"], "2")
    ecr.start_image_scan(repositoryName=repo["repositoryName"], imageId={"imageDigest": latest})
    # IRSA: a role the cluster's service accounts can assume, one of a cluster whose ID only starts
    # the same way, and a role named by a service-account annotation.
    provider_path = cluster["identity"]["oidc"]["issuer"].removeprefix("https://")
    irsa_role = role(name + "-irsa", irsa_trust(provider_path))
    lookalike_role = role(name + "-lookalike", irsa_trust(provider_path + "0"))
    annotated_role = role(name + "-sa")
    mesh = "mesh-" + SUFFIX
    appmesh.create_mesh(meshName=mesh)
    appmesh.create_virtual_node(meshName=mesh, virtualNodeName="web", spec={
        "listeners": [{"portMapping": {"port": 80, "protocol": "http"}}],
        "serviceDiscovery": {"dns": {"hostname": "web.default.svc.cluster.local"}}})
    return {"name": name, "arn": cluster["arn"], "vpc": vpc, "subnets": subnets, "routeTable": table,
            "internetGateway": gateway, "securityGroup": group, "clusterRole": cluster_role, "nodeRole": node_role,
            "repository": repo["repositoryName"], "repositoryURI": repo["repositoryUri"], "runningDigest": running,
            "latestDigest": latest, "prefixList": prefix_list, "irsaRole": irsa_role, "lookalikeRole": lookalike_role,
            "annotatedRole": annotated_role, "mesh": mesh}


def hardened():
    name = "hardened-" + SUFFIX
    vpc, subnets, table, gateway, group, prefix_list = network("10.2.0.0/16", public=False)
    cluster_role, node_role = role(name + "-cluster"), role(name + "-node")
    key = kms.create_key(Description="eks secrets")["KeyMetadata"]["Arn"]
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    template = ec2.create_launch_template(
        LaunchTemplateName=name + "-lt",
        LaunchTemplateData={"ImageId": image, "InstanceType": "m5.large",
                            "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 1}})
    template_id = template["LaunchTemplate"]["LaunchTemplateId"]
    cluster = eks.create_cluster(
        name=name, version="1.31", roleArn=cluster_role,
        resourcesVpcConfig={"subnetIds": subnets, "securityGroupIds": [group], "endpointPublicAccess": False,
                            "endpointPrivateAccess": True},
        logging={"clusterLogging": [{"types": ["api", "audit", "authenticator", "controllerManager", "scheduler"],
                                     "enabled": True}]},
        encryptionConfig=[{"resources": ["secrets"], "provider": {"keyArn": key}}])["cluster"]
    eks.create_nodegroup(
        clusterName=name, nodegroupName="ng-lt", nodeRole=node_role, subnets=subnets,
        launchTemplate={"id": template_id, "version": "1"},
        scalingConfig={"minSize": 1, "maxSize": 3, "desiredSize": 2})
    repo = ecr.create_repository(repositoryName="hardened-app-" + SUFFIX, imageTagMutability="IMMUTABLE",
                                 imageScanningConfiguration={"scanOnPush": True})["repository"]
    ecr.put_lifecycle_policy(repositoryName=repo["repositoryName"], lifecyclePolicyText=json.dumps({"rules": [{
        "rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
                                         "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}}]}))
    latest = push_image(repo["repositoryName"], "3")
    log_group = f"/aws/eks/{name}/cluster"
    logs.create_log_group(logGroupName=log_group)
    logs.put_metric_filter(logGroupName=log_group, filterName="auth-failures", filterPattern='{ $.responseStatus.code = 403 }',
                           metricTransformations=[{"metricName": "Forbidden", "metricNamespace": "EKS", "metricValue": "1"}])
    return {"latestDigest": latest, "logGroup": log_group, "prefixList": prefix_list,
            "name": name, "arn": cluster["arn"], "vpc": vpc, "subnets": subnets, "routeTable": table,
            "natGateway": gateway, "securityGroup": group, "clusterRole": cluster_role, "nodeRole": node_role,
            "kmsKey": key, "launchTemplate": template_id, "image": image, "repository": repo["repositoryName"]}


oidc = iam.create_open_id_connect_provider(
    Url=f"https://oidc.eks.{REGION}.amazonaws.com/id/{SUFFIX.upper()}", ClientIDList=["sts.amazonaws.com"],
    ThumbprintList=["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"])["OpenIDConnectProviderArn"]
print(json.dumps({"insecure": insecure(), "hardened": hardened(), "oidcProvider": oidc}))
