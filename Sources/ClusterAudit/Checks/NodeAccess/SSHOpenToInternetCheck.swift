import ClusterSnapshot
import EKSGuardCore

/// EKS-ACC-003: node and cluster security groups that let the internet reach port 22.
package struct SSHOpenToInternetCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-ACC-003",
        title: "Node and cluster security groups do not allow SSH from the internet",
        practice: .nodeAccess,
        severity: .high,
        rationale: """
            The groups read are the cluster security group, the additional cluster groups, node groups' \
            remote-access groups, launch template groups (`SecurityGroupIds`, `NetworkInterfaces[].Groups`) and the \
            running node instances' groups. An ingress rule reaches TCP 22 when its protocol is `tcp` or `-1` (all) \
            and its port range covers 22 (or is unset); its source is the internet when it is `0.0.0.0/0`, `::/0`, or \
            a managed prefix list holding either (expanded with `ec2:GetManagedPrefixListEntries`). High; critical \
            when an instance behind the group has a public IP. Network ACLs are not evaluated.
            """,
        remediation: """
            aws ec2 revoke-security-group-ingress --group-id GROUP --security-group-rule-ids RULE, and reach nodes \
            through Session Manager instead of SSH.
            """,
        references: [
            "prowler:ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22", "prowler:ec2_instance_port_ssh_exposed_to_internet",
            "checkov:CKV_AWS_24", "trivy:AWS-0107", "bpg:hosts/minimize-access-to-worker-nodes",
        ],
        passing: [
            .cluster(#"""
                {"cluster": {"name": "demo", "resourcesVpcConfig": {"clusterSecurityGroupId": "sg-c"}},
                 "calls": [{"call": "ec2:DescribeSecurityGroupRules", "parameters": {"Filters": [{"Name": "group-id", "Values": ["sg-c"]}]},
                            "response": {"SecurityGroupRules": [{"SecurityGroupRuleId": "sgr-1", "GroupId": "sg-c", "IsEgress": false, "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIpv4": "10.0.0.0/8"},
                                                                {"SecurityGroupRuleId": "sgr-2", "GroupId": "sg-c", "IsEgress": true, "IpProtocol": "-1", "CidrIpv4": "0.0.0.0/0"}]}},
                           {"call": "ec2:DescribeInstances", "response": {"Reservations": []}}, \#(ComputeExample.noSelfManaged)]}
                """#, note: "SSH from the VPC only; the open rule is egress"),
        ],
        failing: [
            .cluster(#"""
                {"cluster": {"name": "demo", "resourcesVpcConfig": {"clusterSecurityGroupId": "sg-c"}},
                 "calls": [{"call": "ec2:DescribeSecurityGroupRules", "parameters": {"Filters": [{"Name": "group-id", "Values": ["sg-c"]}]},
                            "response": {"SecurityGroupRules": [{"SecurityGroupRuleId": "sgr-6", "GroupId": "sg-c", "IsEgress": false, "IpProtocol": "tcp", "FromPort": 0, "ToPort": 1024, "CidrIpv6": "::/0"}]}},
                           {"call": "ec2:DescribeInstances", "response": {"Reservations": []}}, \#(ComputeExample.noSelfManaged)]}
                """#, expect: ["SecurityGroup/sg-c"], note: "high: a port range covering 22, from ::/0"),
            .cluster(#"""
                {"cluster": {"name": "demo", "resourcesVpcConfig": {"clusterSecurityGroupId": "sg-c"}},
                 "calls": [{"call": "ec2:DescribeSecurityGroupRules", "parameters": {"Filters": [{"Name": "group-id", "Values": ["sg-n"]}]},
                            "response": {"SecurityGroupRules": [{"SecurityGroupRuleId": "sgr-7", "GroupId": "sg-n", "IsEgress": false, "IpProtocol": "-1", "PrefixListId": "pl-any"}]}},
                           {"call": "ec2:DescribeSecurityGroupRules", "parameters": {"Filters": [{"Name": "group-id", "Values": ["sg-c"]}]}, "response": {"SecurityGroupRules": []}},
                           {"call": "ec2:GetManagedPrefixListEntries", "parameters": {"PrefixListId": "pl-any"}, "response": {"Entries": [{"Cidr": "0.0.0.0/0"}]}},
                           {"call": "ec2:DescribeInstances", "response": {"Reservations": [{"Instances": [{"InstanceId": "i-1", "PublicIpAddress": "203.0.113.7", "SecurityGroups": [{"GroupId": "sg-n"}], "Tags": [{"Key": "eks:cluster-name", "Value": "demo"}]}]}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, expect: ["SecurityGroup/sg-n"], note: "critical: all traffic from a prefix list holding 0.0.0.0/0, to an instance with a public IP"),
            .cluster(#"""
                {"cluster": {"name": "demo", "resourcesVpcConfig": {"clusterSecurityGroupId": "sg-c"}},
                 "calls": [{"call": "ec2:DescribeSecurityGroupRules", "parameters": {"Filters": [{"Name": "group-id", "Values": ["sg-c"]}]},
                            "response": {"SecurityGroupRules": [{"SecurityGroupRuleId": "sgr-8", "GroupId": "sg-c", "IsEgress": false, "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "PrefixListId": "pl-unknown"}]}},
                           {"call": "ec2:DescribeInstances", "response": {"Reservations": []}}, \#(ComputeExample.noSelfManaged)]}
                """#, status: .error, note: "prefix list entries not collected"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let exposure = facts.securityGroupExposure(into: &findings) else { return findings }
        for group in exposure.open.keys.sorted() {
            let ssh = exposure.open[group, default: []].filter { $0.rule.opensTCP(22) }
            let ref = exposure.ref(group)
            guard !ssh.isEmpty else {
                findings.append(.pass("\(group) (\(exposure.users(group))): none of its \(exposure.ruleCounts[group] ?? 0) ingress rules opens 22 to the internet", at: ref))
                continue
            }
            let rules = ssh.map(\.text).joined(separator: "; ")
            if let exposed = exposure.groups.publicInstances[group] {
                findings.append(.fail("\(group) (\(exposure.users(group))) opens SSH to the internet (\(rules)) and guards instances with public IPs: \(exposed.joined(separator: ", "))", at: ref, severity: .critical))
            } else {
                findings.append(.fail("\(group) (\(exposure.users(group))) opens SSH to the internet: \(rules)", at: ref, severity: .high))
            }
        }
        if findings.isEmpty { findings.append(.notApplicable("no security groups found for the cluster", at: facts.resource)) }
        return findings
    }
}
