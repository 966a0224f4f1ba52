import ClusterSnapshot
import EKSGuardCore

/// EKS-ACC-002: EC2 key pairs on node launch templates and running node instances.
package struct KeyPairCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-ACC-002",
        title: "Node launch templates and instances carry no EC2 key pair",
        practice: .nodeAccess,
        severity: .medium,
        rationale: """
            A key pair (`LaunchTemplateData.KeyName`, `Instances[].KeyName`) means someone holds a private key that \
            opens a shell on the nodes outside IAM and without session records. Launch templates of managed and \
            self-managed groups are read, and so are the running node instances (found by Auto Scaling membership, \
            the cluster tags and Kubernetes `spec.providerID`), which show keys added outside the template.
            """,
        remediation: """
            Create a launch template version without KeyName, roll the node groups to it, delete the key pair, and \
            use Session Manager for access.
            """,
        references: ["bpg:hosts/minimize-access-to-worker-nodes"],
        passing: [
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1", "launchTemplate": {"id": "lt-1", "version": "1"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 1, "LaunchTemplateData": {}}]}},
                           {"call": "ec2:DescribeInstances", "response": {"Reservations": [{"Instances": [{"InstanceId": "i-1", "Tags": [{"Key": "eks:cluster-name", "Value": "demo"}]}]}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#),
        ],
        failing: [
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1", "launchTemplate": {"id": "lt-1", "version": "1"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 1, "LaunchTemplateData": {"KeyName": "ops"}}]}},
                           {"call": "ec2:DescribeInstances", "response": {"Reservations": [{"Instances": [{"InstanceId": "i-1", "KeyName": "ops", "Tags": [{"Key": "eks:cluster-name", "Value": "demo"}]},
                                                                                           {"InstanceId": "i-other", "KeyName": "x"}]}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, expect: ["Nodegroup/ng-1", "Instance/i-1"], note: "i-other is not a node of this cluster"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1"}],
                 "calls": [{"call": "ec2:DescribeInstances", "error": "UnauthorizedOperation"}, \#(ComputeExample.noSelfManaged)]}
                """#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let pools = facts.readablePools(into: &findings), let aws = facts.aws else { return findings }
        for pool in pools {
            guard let resolved = aws.launchTemplateData(of: pool).value(orReportAt: pool.ref.at("launchTemplate", nil), into: &findings)
            else { continue }
            let ref = pool.ref.at("launchTemplate.KeyName", nil)
            if let resolved, let key = resolved.data["KeyName"]?.string {
                findings.append(.fail("\(pool.label): \(resolved.ref) sets key pair \(key)", at: ref))
            } else {
                findings.append(.pass("\(pool.label): \(resolved.map { "\($0.ref) sets no KeyName" } ?? "no launch template, no key pair")", at: ref))
            }
        }
        if let instances = facts.nodeInstances.value(orReportAt: facts.resource.at("instances", nil), into: &findings) {
            for node in instances {
                let ref = node.ref.at("KeyName", nil)
                if let key = node.instance["KeyName"]?.string {
                    findings.append(.fail("instance \(node.label) was launched with key pair \(key)", at: ref))
                } else {
                    findings.append(.pass("instance \(node.label) has no key pair", at: ref))
                }
            }
        }
        return findings
    }
}
