import ClusterSnapshot
import EKSGuardCore

/// EKS-NET-005: node groups, self-managed groups and Fargate profiles placed in public subnets.
package struct PublicSubnetNodesCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-NET-005",
        title: "Nodes and Fargate pods run in private subnets",
        practice: .privateNetworking,
        severity: .high,
        rationale: """
            A subnet is public when its route table sends `0.0.0.0/0` or `::/0` to an internet gateway (`igw-`; an \
            egress-only gateway `eigw-` or a NAT gateway is fine) or when it sets `MapPublicIpOnLaunch`. The route \
            table is the one explicitly associated with the subnet, else the VPC's main table — the fallback tools \
            forget. Subnets come from `nodegroup.subnets`, self-managed Auto Scaling groups' `VPCZoneIdentifier` and \
            `fargateProfile.subnets`. Prowler's and kubescape's "private nodes" checks test the endpoint instead.
            """,
        remediation: """
            Create the node group in private subnets (default route to a NAT gateway), move the workloads, and delete \
            the node group in public subnets.
            """,
        references: ["CIS-EKS-1.8.0:5.4.3", "CIS-EKS-1.7.0:5.4.3", "CIS-EKS-1.5.0:5.4.3", "CIS-EKS-1.2.0:5.4.3",
                     "prowler:vpc_subnet_no_public_ip_by_default", "prowler:vpc_subnet_separate_private_public", "trivy:AWS-0164", "bpg:hosts/deploy-workers-onto-private-subnets"],
        passing: [
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1", "subnets": ["subnet-a"]}],
                 "calls": [{"call": "ec2:DescribeSubnets", "response": {"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "MapPublicIpOnLaunch": false}]}},
                           {"call": "ec2:DescribeRouteTables", "response": {"RouteTables": [
                              {"RouteTableId": "rtb-main", "VpcId": "vpc-1", "Associations": [{"Main": true}], "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}]},
                              {"RouteTableId": "rtb-priv", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-a"}],
                               "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"}, {"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-1"}]}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, note: "explicit association wins over the public main table; eigw is egress-only"),
        ],
        failing: [
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-pub", "subnets": ["subnet-b"]}],
                 "calls": [{"call": "ec2:DescribeSubnets", "response": {"Subnets": [{"SubnetId": "subnet-b", "VpcId": "vpc-1", "MapPublicIpOnLaunch": false}]}},
                           {"call": "ec2:DescribeRouteTables", "response": {"RouteTables": [
                              {"RouteTableId": "rtb-main", "VpcId": "vpc-1", "Associations": [{"Main": true}], "Routes": [{"DestinationIpv6CidrBlock": "::/0", "GatewayId": "igw-1"}]}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, expect: ["Nodegroup/ng-pub"], note: "no explicit association: the main table's ::/0 → igw applies"),
            .cluster(#"""
                {"fargateProfiles": [{"fargateProfileName": "fp", "subnets": ["subnet-c"]}],
                 "calls": [{"call": "ec2:DescribeSubnets", "response": {"Subnets": [{"SubnetId": "subnet-c", "VpcId": "vpc-1", "MapPublicIpOnLaunch": true}]}},
                           {"call": "ec2:DescribeRouteTables", "response": {"RouteTables": [{"RouteTableId": "rtb-x", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-c"}], "Routes": []}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, expect: ["FargateProfile/fp"], note: "MapPublicIpOnLaunch"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1", "subnets": ["subnet-a"]}],
                 "calls": [{"call": "ec2:DescribeSubnets", "response": {"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1"}]}},
                           {"call": "ec2:DescribeRouteTables", "error": "UnauthorizedOperation"}, \#(ComputeExample.noSelfManaged)]}
                """#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let aws = facts.requireAWS.value(orReportAt: facts.resource, into: &findings),
              let pools = aws.nodePools.value(orReportAt: facts.resource.at("nodegroups", nil), into: &findings),
              let profiles = aws.fargateProfiles.value(orReportAt: facts.resource.at("fargateProfiles", nil), into: &findings)
        else { return findings }
        var placements: [(label: String, ref: ResourceRef, subnets: [String])] = []
        for entry in pools {
            guard let pool = entry.pool.value(orReportAt: entry.ref, into: &findings) else { continue }
            placements.append((pool.label, pool.ref.at(pool.kind == .managed ? "subnets" : "VPCZoneIdentifier", nil), pool.subnets))
        }
        for profile in profiles {
            let ref = ResourceRef(kind: "FargateProfile", name: profile.name, field: "subnets")
            guard let described = profile.value.value(orReportAt: ref, into: &findings) else { continue }
            placements.append(("Fargate profile \(profile.name)", ref, described["subnets"]?.array?.compactMap(\.string) ?? []))
        }
        for placement in placements {
            var publicSubnets: [String] = []
            var privateSubnets: [String] = []
            var readable = true
            for subnet in placement.subnets {
                guard let exposure = aws.exposure(ofSubnet: subnet).value(orReportAt: placement.ref, into: &findings) else {
                    readable = false
                    continue
                }
                if exposure.isPublic { publicSubnets.append(exposure.evidence) } else { privateSubnets.append(exposure.evidence) }
            }
            if !publicSubnets.isEmpty {
                findings.append(.fail("\(placement.label) uses public subnets: \(publicSubnets.joined(separator: "; "))", at: placement.ref))
            } else if readable {
                findings.append(.pass("\(placement.label) uses private subnets: \(privateSubnets.joined(separator: "; "))", at: placement.ref))
            }
        }
        if findings.isEmpty {
            findings.append(.notApplicable(facts.serverlessComputeNote() ?? "no node groups, self-managed groups or Fargate profiles", at: facts.resource))
        }
        return findings
    }
}
