import ClusterSnapshot
import EKSGuardCore

/// EKS-NET-008: the subnets of the control-plane ENIs routed to the internet.
package struct ControlPlaneSubnetsCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-NET-008",
        title: "Control-plane ENI subnets are private",
        practice: .privateNetworking,
        severity: .low,
        rationale: """
            EKS places the private endpoint's network interfaces in `cluster.resourcesVpcConfig.subnetIds`. When the \
            private endpoint is on and those subnets route `0.0.0.0/0` or `::/0` to an internet gateway (explicit \
            route table, else the VPC's main table) or map public IPs, the control-plane ENIs sit in public subnets: \
            their security group becomes the only barrier.
            """,
        remediation: """
            aws eks update-cluster-config --name CLUSTER --resources-vpc-config subnetIds=PRIVATE_SUBNETS (EKS allows \
            changing cluster subnets within the same VPC and zones).
            """,
        references: ["bpg:network/subnet-considerations"],
        passing: [
            .cluster(#"""
                {"cluster": {"name": "demo", "resourcesVpcConfig": {"endpointPublicAccess": false, "endpointPrivateAccess": true, "subnetIds": ["subnet-a"]}},
                 "calls": [{"call": "ec2:DescribeSubnets", "response": {"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1"}]}},
                           {"call": "ec2:DescribeRouteTables", "response": {"RouteTables": [{"RouteTableId": "rtb-p", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-a"}], "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"}]}]}}]}
                """#),
        ],
        failing: [
            .cluster(#"""
                {"cluster": {"name": "demo", "resourcesVpcConfig": {"endpointPublicAccess": true, "endpointPrivateAccess": true, "publicAccessCidrs": ["0.0.0.0/0"], "subnetIds": ["subnet-a", "subnet-b"]}},
                 "calls": [{"call": "ec2:DescribeSubnets", "response": {"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1"}, {"SubnetId": "subnet-b", "VpcId": "vpc-1"}]}},
                           {"call": "ec2:DescribeRouteTables", "response": {"RouteTables": [
                              {"RouteTableId": "rtb-main", "VpcId": "vpc-1", "Associations": [{"Main": true}], "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}]},
                              {"RouteTableId": "rtb-p", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-a"}], "Routes": []}]}}]}
                """#, expect: ["cluster.resourcesVpcConfig.subnetIds"], note: "subnet-b falls back to the public main table"),
            .cluster(#"""
                {"cluster": {"name": "demo", "resourcesVpcConfig": {"endpointPublicAccess": false, "endpointPrivateAccess": true, "subnetIds": ["subnet-a"]}},
                 "calls": [{"call": "ec2:DescribeSubnets", "response": {"Subnets": []}}]}
                """#, status: .error, note: "subnet not described"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let aws = facts.requireAWS.value(orReportAt: facts.resource, into: &findings),
              let access = facts.endpointAccess(into: &findings),
              let cluster = facts.cluster.value(orReportAt: facts.resource, into: &findings) else { return findings }
        let ref = facts.resource.at("cluster.resourcesVpcConfig.subnetIds", nil)
        guard access.privateAccess else {
            return [.notApplicable("the private endpoint is off: no control-plane ENIs serve it", at: ref)]
        }
        let subnets = cluster[path: "resourcesVpcConfig.subnetIds"]?.array?.compactMap(\.string) ?? []
        var publicSubnets: [String] = []
        var privateSubnets: [String] = []
        for subnet in subnets {
            guard let exposure = aws.exposure(ofSubnet: subnet).value(orReportAt: ref, into: &findings) else { continue }
            if exposure.isPublic { publicSubnets.append(exposure.evidence) } else { privateSubnets.append(exposure.evidence) }
        }
        if !publicSubnets.isEmpty {
            findings.append(.fail("control-plane ENIs can land in public subnets: \(publicSubnets.joined(separator: "; "))", at: ref))
        } else if findings.isEmpty {
            findings.append(subnets.isEmpty
                ? .error("cluster.resourcesVpcConfig.subnetIds is empty", at: ref)
                : .pass("control-plane subnets are private: \(privateSubnets.joined(separator: "; "))", at: ref))
        }
        return findings
    }
}
