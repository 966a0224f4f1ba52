import ClusterSnapshot
import EKSGuardCore
import Foundation

/// EKS-ACC-009: AL2/AL2023 user data that installs SSH keys or turns sshd on.
package struct UserDataSSHCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-ACC-009",
        title: "Node user data does not install SSH keys or enable sshd",
        practice: .nodeAccess,
        severity: .low,
        rationale: """
            Keys can reach nodes without a key pair: through cloud-init (`ssh_authorized_keys`), a script writing \
            `authorized_keys`, or `systemctl enable|start sshd`. The launch template's `UserData` is decoded (base64, \
            then MIME multipart as EKS and nodeadm use it, base64 parts included) and every part is searched. The \
            key material itself is never printed. Bottlerocket user data is TOML and is read by EKS-ACC-008.
            """,
        remediation: """
            Remove the SSH setup from the launch template user data, publish a new version and roll the nodes; use \
            Session Manager for access.
            """,
        references: ["bpg:hosts/minimize-access-to-worker-nodes"],
        passing: [
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "al2023", "amiType": "AL2023_x86_64_STANDARD", "launchTemplate": {"id": "lt-1", "version": "1"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 1,
                              "LaunchTemplateData": {"UserData": "TUlNRS1WZXJzaW9uOiAxLjAKQ29udGVudC1UeXBlOiBtdWx0aXBhcnQvbWl4ZWQ7IGJvdW5kYXJ5PSJCT1VOREFSWSIKCi0tQk9VTkRBUlkKQ29udGVudC1UeXBlOiBhcHBsaWNhdGlvbi9ub2RlLmVrcy5hd3MKCmFwaVZlcnNpb246IG5vZGUuZWtzLmF3cy92MWFscGhhMQpraW5kOiBOb2RlQ29uZmlnCnNwZWM6CiAgY2x1c3RlcjoKICAgIG5hbWU6IGRlbW8KCi0tQk9VTkRBUlktLQo="}}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, note: "nodeadm NodeConfig only"),
        ],
        failing: [
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "al2023", "amiType": "AL2023_x86_64_STANDARD", "launchTemplate": {"id": "lt-1", "version": "1"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 1,
                              "LaunchTemplateData": {"UserData": "TUlNRS1WZXJzaW9uOiAxLjAKQ29udGVudC1UeXBlOiBtdWx0aXBhcnQvbWl4ZWQ7IGJvdW5kYXJ5PSI9PUI9PSIKCi0tPT1CPT0KQ29udGVudC1UeXBlOiBhcHBsaWNhdGlvbi9ub2RlLmVrcy5hd3MKCi0tLQphcGlWZXJzaW9uOiBub2RlLmVrcy5hd3MvdjFhbHBoYTEKa2luZDogTm9kZUNvbmZpZwpzcGVjOgogIGNsdXN0ZXI6CiAgICBuYW1lOiBkZW1vCgotLT09Qj09CkNvbnRlbnQtVHlwZTogdGV4dC9jbG91ZC1jb25maWcKQ29udGVudC1UcmFuc2Zlci1FbmNvZGluZzogYmFzZTY0CgpJMk5zYjNWa0xXTnZibVpwWndwemMyaGZZWFYwYUc5eWFYcGxaRjlyWlhsek9nb2dJQzBnYzNOb0xXVmtNalUxTVRrZ1FVRkJRVU16VG5waElHVjRZVzF3YkdVSwoKLS09PUI9PS0tCg=="}}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, expect: ["Nodegroup/al2023"], note: "cloud-config ssh_authorized_keys in a base64 MIME part"),
            .cluster(#"""
                {"calls": [{"call": "autoscaling:DescribeAutoScalingGroups", "response": {"AutoScalingGroups": [{"AutoScalingGroupName": "self", "Tags": [{"Key": "kubernetes.io/cluster/demo", "Value": "owned"}], "LaunchTemplate": {"LaunchTemplateId": "lt-2", "Version": "1"}}]}},
                           {"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-2", "VersionNumber": 1,
                              "LaunchTemplateData": {"ImageId": "ami-al2", "UserData": "IyEvYmluL2Jhc2gKL2V0Yy9la3MvYm9vdHN0cmFwLnNoIGRlbW8Kc3lzdGVtY3RsIGVuYWJsZSBzc2hkCg=="}}]}},
                           {"call": "ec2:DescribeImages", "response": {"Images": [{"ImageId": "ami-al2", "Name": "amazon-eks-node-1.31-v20250110"}]}}]}
                """#, expect: ["AutoScalingGroup/self"], note: "self-managed AL2 script enabling sshd"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "broken", "amiType": "AL2023_x86_64_STANDARD", "launchTemplate": {"id": "lt-1", "version": "1"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 1,
                              "LaunchTemplateData": {"UserData": "TUlNRS1WZXJzaW9uOiAxLjAKQ29udGVudC1UeXBlOiBtdWx0aXBhcnQvbWl4ZWQKCi0tWApoZWxsbwo="}}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, status: .error, note: "multipart without a boundary parameter"),
        ]
    )

    /// Text that sets up SSH access, with how it is named in findings.
    static let markers: [(pattern: String, name: String)] = [
        (#"ssh_authorized_keys\s*:"#, "cloud-init ssh_authorized_keys"),
        (#"authorized_keys"#, "writes authorized_keys"),
        (#"systemctl\s+(enable|start|restart)\s+(--now\s+)?sshd?\b"#, "enables sshd"),
    ]

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let pools = facts.readablePools(into: &findings), let aws = facts.aws else { return findings }
        for pool in pools {
            let ref = pool.ref.at("launchTemplate.UserData", nil)
            if case .success(let ami) = aws.ami(of: pool), ami.family == .bottlerocket {
                findings.append(.notApplicable("\(pool.label) runs Bottlerocket: its TOML settings are read by EKS-ACC-008", at: ref))
                continue
            }
            guard let userData = aws.userData(of: pool).value(orReportAt: ref, into: &findings) else { continue }
            guard let userData else {
                findings.append(.pass("\(pool.label): no launch template user data", at: ref))
                continue
            }
            var found: [String] = []
            for (index, part) in userData.parts.enumerated() {
                for marker in Self.markers where part.body.range(of: marker.pattern, options: .regularExpression) != nil {
                    found.append("part \(index + 1) (\(part.contentType)) \(marker.name)")
                }
            }
            if found.isEmpty {
                findings.append(.pass("\(pool.label): \(userData.parts.count) user-data part(s) of \(userData.ref) set up no SSH access", at: ref))
            } else {
                findings.append(.fail("\(pool.label): \(userData.ref) user data \(found.joined(separator: "; "))", at: ref))
            }
        }
        return findings
    }
}
