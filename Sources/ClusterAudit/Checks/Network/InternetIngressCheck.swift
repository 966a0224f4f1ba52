import ClusterSnapshot
import EKSGuardCore

/// EKS-NET-007: node and cluster security groups with ingress from the internet on any port.
package struct InternetIngressCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-NET-007",
        title: "Node and cluster security groups admit no internet ingress",
        practice: .privateNetworking,
        severity: .high,
        rationale: """
            Nodes should be reached through load balancers, never directly. Any ingress rule of the cluster, node \
            group, launch template or node instance security groups whose source is `0.0.0.0/0`, `::/0`, or a \
            prefix list holding either fails, whatever the port; rules reaching the NodePort range 30000-32767 are \
            named separately because every `NodePort` and `LoadBalancer` Service listens there on every node.
            """,
        remediation: """
            aws ec2 revoke-security-group-ingress --group-id GROUP --security-group-rule-ids RULE; expose services \
            through a load balancer whose own group allows the clients.
            """,
        references: ["prowler:ec2_securitygroup_allow_ingress_from_internet_to_all_ports", "prowler:ec2_securitygroup_allow_ingress_from_internet_to_any_port", "bpg:network/security-groups"],
        passing: [
            .cluster(#"""
                {"cluster": {"name": "demo", "resourcesVpcConfig": {"clusterSecurityGroupId": "sg-c"}},
                 "calls": [{"call": "ec2:DescribeSecurityGroupRules", "parameters": {"Filters": [{"Name": "group-id", "Values": ["sg-c"]}]},
                            "response": {"SecurityGroupRules": [{"SecurityGroupRuleId": "sgr-1", "GroupId": "sg-c", "IsEgress": false, "IpProtocol": "-1", "ReferencedGroupInfo": {"GroupId": "sg-c"}}]}},
                           {"call": "ec2:DescribeInstances", "response": {"Reservations": []}}, \#(ComputeExample.noSelfManaged)]}
                """#),
        ],
        failing: [
            .cluster(#"""
                {"cluster": {"name": "demo", "resourcesVpcConfig": {"clusterSecurityGroupId": "sg-c"}},
                 "calls": [{"call": "ec2:DescribeSecurityGroupRules", "parameters": {"Filters": [{"Name": "group-id", "Values": ["sg-c"]}]},
                            "response": {"SecurityGroupRules": [{"SecurityGroupRuleId": "sgr-9", "GroupId": "sg-c", "IsEgress": false, "IpProtocol": "tcp", "FromPort": 30000, "ToPort": 32767, "CidrIpv4": "0.0.0.0/0"},
                                                                {"SecurityGroupRuleId": "sgr-10", "GroupId": "sg-c", "IsEgress": false, "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv6": "::/0"}]}},
                           {"call": "ec2:DescribeInstances", "response": {"Reservations": []}}, \#(ComputeExample.noSelfManaged)]}
                """#, expect: ["SecurityGroup/sg-c"]),
            .cluster(#"""
                {"cluster": {"name": "demo", "resourcesVpcConfig": {"clusterSecurityGroupId": "sg-c"}},
                 "calls": [{"call": "ec2:DescribeInstances", "response": {"Reservations": []}}, \#(ComputeExample.noSelfManaged)]}
                """#, status: .error, note: "the group's rules were not collected"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let exposure = facts.securityGroupExposure(into: &findings) else { return findings }
        for group in exposure.open.keys.sorted() {
            let open = exposure.open[group, default: []]
            let ref = exposure.ref(group)
            guard !open.isEmpty else {
                findings.append(.pass("\(group) (\(exposure.users(group))): none of its \(exposure.ruleCounts[group] ?? 0) ingress rules admits the internet", at: ref))
                continue
            }
            let nodePorts = open.filter { $0.rule.ports?.overlaps(30000...32767) == true }
            let nodePortText = nodePorts.isEmpty ? "" : "; the NodePort range is reachable through \(nodePorts.map(\.rule.ruleID).joined(separator: ", "))"
            findings.append(.fail("\(group) (\(exposure.users(group))) admits the internet: \(open.map(\.text).joined(separator: "; "))\(nodePortText)", at: ref))
        }
        if findings.isEmpty { findings.append(.notApplicable("no security groups found for the cluster", at: facts.resource)) }
        return findings
    }
}
