import ClusterSnapshot
import EKSGuardCore

/// EKS-NET-006: node instances with public IP addresses, and launch templates that assign them.
package struct PublicIPNodesCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-NET-006",
        title: "Node instances have no public IP addresses",
        practice: .privateNetworking,
        severity: .high,
        rationale: """
            A node with a public address (`Instances[].PublicIpAddress` or any `NetworkInterfaces[].Association.PublicIp`) \
            is reachable from the internet whenever a security group allows it, and its kubelet, NodePorts and host \
            ports are one rule away from exposure. Launch templates that set \
            `NetworkInterfaces[].AssociatePublicIpAddress: true` give every future node one.
            """,
        remediation: """
            Set AssociatePublicIpAddress to false in the launch template (or use subnets without MapPublicIpOnLaunch), \
            then roll the node group.
            """,
        references: ["prowler:ec2_instance_public_ip", "prowler:ec2_launch_template_no_public_ip", "prowler:ec2_instance_internet_facing_with_instance_profile"],
        passing: [
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1"}],
                 "calls": [{"call": "ec2:DescribeInstances", "response": {"Reservations": [{"Instances": [{"InstanceId": "i-1", "PrivateIpAddress": "10.0.1.5", "Tags": [{"Key": "eks:cluster-name", "Value": "demo"}]}]}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#),
        ],
        failing: [
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1", "launchTemplate": {"id": "lt-1", "version": "1"}}],
                 "calls": [{"call": "ec2:DescribeInstances", "response": {"Reservations": [{"Instances": [{"InstanceId": "i-1", "NetworkInterfaces": [{"Association": {"PublicIp": "198.51.100.4"}}],
                                                                                            "Tags": [{"Key": "eks:cluster-name", "Value": "demo"}]}]}]}},
                           {"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 1,
                              "LaunchTemplateData": {"NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": true}]}}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, expect: ["Instance/i-1", "Nodegroup/ng-1"], note: "public IP on a secondary interface association; template assigns them"),
            .cluster(#"{"nodegroups": [{"nodegroupName": "ng-1"}], "calls": [{"call": "ec2:DescribeInstances", "error": "RequestLimitExceeded"}, \#(ComputeExample.noSelfManaged)]}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let pools = facts.readablePools(into: &findings), let aws = facts.aws else { return findings }
        for pool in pools {
            guard let template = aws.launchTemplateData(of: pool).value(orReportAt: pool.ref.at("launchTemplate", nil), into: &findings),
                  let resolved = template else { continue }
            let ref = pool.ref.at("launchTemplate.NetworkInterfaces.AssociatePublicIpAddress", nil)
            let assigning = (resolved.data["NetworkInterfaces"]?.array ?? []).filter { $0["AssociatePublicIpAddress"]?.bool == true }
            if assigning.isEmpty {
                findings.append(.pass("\(pool.label): \(resolved.ref) does not associate public IPs", at: ref))
            } else {
                findings.append(.fail("\(pool.label): \(resolved.ref) sets AssociatePublicIpAddress true on \(assigning.count) interface(s)", at: ref))
            }
        }
        if let instances = facts.nodeInstances.value(orReportAt: facts.resource.at("instances", nil), into: &findings) {
            for node in instances {
                let ref = node.ref.at("PublicIpAddress", nil)
                if let ip = PublicAddress.of(node.instance) {
                    findings.append(.fail("instance \(node.label) has public IP \(ip)", at: ref))
                } else {
                    findings.append(.pass("instance \(node.label) has no public IP (private \(node.instance["PrivateIpAddress"]?.string ?? "?"))", at: ref))
                }
            }
        }
        return findings
    }
}
