import ClusterSnapshot
import EKSGuardCore

/// EKS-ACC-001: managed node groups with an EC2 SSH key, and to whom EKS opened port 22.
package struct RemoteAccessSSHCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-ACC-001",
        title: "Managed node groups do not enable SSH remote access",
        practice: .nodeAccess,
        severity: .critical,
        rationale: """
            `nodegroup.remoteAccess.ec2SshKey` installs a key pair on every node. When `sourceSecurityGroups` is empty, \
            EKS opens port 22 (3389 on Windows) of its remote-access security group to 0.0.0.0/0: critical. With \
            source groups the exposure is limited but SSH keys still bypass IAM and leave no session record: medium. \
            Session Manager gives shell access with IAM authorization and logging instead.
            """,
        remediation: """
            Recreate the node group without remoteAccess (it cannot be removed in place) and use Session Manager \
            (aws ssm start-session --target INSTANCE) for break-glass access.
            """,
        references: ["checkov:CKV_AWS_100", "bpg:hosts/minimize-access-to-worker-nodes"],
        passing: [.cluster(#"{"cluster": {"name": "demo"}, "nodegroups": [{"nodegroupName": "ng-1", "amiType": "AL2023_x86_64_STANDARD"}]}"#)],
        failing: [
            .cluster(#"{"cluster": {"name": "demo"}, "nodegroups": [{"nodegroupName": "open", "remoteAccess": {"ec2SshKey": "ops"}, "resources": {"remoteAccessSecurityGroup": "sg-ra"}}]}"#,
                     expect: ["Nodegroup/open"], note: "critical: no source groups, 22 open to 0.0.0.0/0"),
            .cluster(#"{"cluster": {"name": "demo"}, "nodegroups": [{"nodegroupName": "bastion", "remoteAccess": {"ec2SshKey": "ops", "sourceSecurityGroups": ["sg-bastion"]}}]}"#,
                     expect: ["remoteAccess.ec2SshKey"], note: "medium: restricted to a bastion group"),
            .cluster(#"{"calls": [{"call": "eks:ListNodegroups", "error": "AccessDeniedException"}]}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let aws = facts.requireAWS.value(orReportAt: facts.resource, into: &findings),
              let groups = aws.nodegroups.value(orReportAt: facts.resource.at("nodegroups", nil), into: &findings)
        else { return findings }
        for child in groups {
            let ref = aws.nodegroupRef(child).at("remoteAccess.ec2SshKey", nil)
            guard let group = child.value.value(orReportAt: ref, into: &findings) else { continue }
            guard let key = group[path: "remoteAccess.ec2SshKey"]?.string, !key.isEmpty else {
                findings.append(.pass("node group \(child.name): no remoteAccess SSH key", at: ref))
                continue
            }
            let sources = group[path: "remoteAccess.sourceSecurityGroups"]?.array?.compactMap(\.string) ?? []
            let opened = group[path: "resources.remoteAccessSecurityGroup"]?.string.map { " through \($0)" } ?? ""
            if sources.isEmpty {
                findings.append(.fail("node group \(child.name): SSH key \(key) with no sourceSecurityGroups, so EKS opened port 22 to 0.0.0.0/0\(opened)", at: ref, severity: .critical))
            } else {
                findings.append(.fail("node group \(child.name): SSH key \(key), port 22 open to \(sources.joined(separator: ", "))", at: ref, severity: .medium))
            }
        }
        if findings.isEmpty { findings.append(.notApplicable("the cluster has no managed node groups", at: facts.resource.at("nodegroups", nil))) }
        return findings
    }
}
