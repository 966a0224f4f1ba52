import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IAM-018: `system:masters` bypasses RBAC entirely and cannot be revoked by editing RBAC.
package struct SystemMastersCheck: ClusterCheck {
    package init() {}

    static let setting = "breakglass-principals"
    static let group = "system:masters"

    static func awsAuth(_ mapRoles: String) -> String {
        #"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "aws-auth", "namespace": "kube-system"}, "data": {"mapRoles": "\#(mapRoles)"}}"#
    }

    static let cluster = #""cluster": {"name": "prod", "accessConfig": {"authenticationMode": "API_AND_CONFIG_MAP"}}"#

    /// YAML aliases that expand to 10^8 nodes: the ConfigMap parser must stop at its node limit.
    static let aliasBomb = (1...8).reduce("- &l0 [x, x, x, x, x, x, x, x, x, x]\\n") { text, level in
        text + "- &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\\n"
    }
    static let admins = #"- rolearn: arn:aws:iam::111122223333:role/admins\n  username: admin\n  groups:\n    - system:masters\n"#

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-018",
        title: "No IAM principal is mapped to system:masters",
        practice: .podIdentity,
        severity: .high,
        rationale: """
            Members of `system:masters` are cluster-admin before RBAC is consulted, and no RoleBinding can \
            take that away. Both sources are read: `kube-system/aws-auth` `mapRoles`/`mapUsers` (YAML strings \
            inside the ConfigMap, when the authentication mode still reads it) and access entries' \
            `kubernetesGroups`. Principals listed in the `breakglass-principals` setting (comma-separated \
            ARNs) are accepted.
            """,
        remediation: """
            Map administrators to a named group bound to cluster-admin (or to an access entry with \
            AmazonEKSClusterAdminPolicy) and remove system:masters from aws-auth and access entries.
            """,
        references: ["CIS-EKS-1.5.0:4.1.7", "CIS-EKS-1.2.0:4.1.7", "kubescape:C-0246"],
        passing: [
            .cluster(#"{\#(cluster), "kubernetes": [\#(awsAuth(#"- rolearn: arn:aws:iam::111122223333:role/dev\n  groups: [developers]\n"#))]}"#),
            .cluster(
                #"{\#(cluster), "kubernetes": [\#(awsAuth(admins))]}"#, options: [setting: "arn:aws:iam::111122223333:role/admins"],
                note: "break-glass role"),
        ],
        failing: [
            .cluster(#"{\#(cluster), "kubernetes": [\#(awsAuth(admins))]}"#, expect: ["data.mapRoles[0]"]),
            .cluster(
                #"{"cluster": {"name": "prod", "accessConfig": {"authenticationMode": "API"}}, "accessEntries": [{"principalArn": "arn:aws:iam::111122223333:user/bob", "kubernetesGroups": ["system:masters"]}]}"#,
                expect: ["AccessEntry/arn:aws:iam::111122223333:user/bob"]),
            .cluster(#"{\#(cluster), "kubernetes": [\#(awsAuth("- rolearn: [unclosed"))]}"#, status: .error, note: "aws-auth YAML broken"),
            .cluster(#"{\#(cluster)}"#, status: .error, note: "no Kubernetes input while aws-auth is read"),
            .cluster(#"{\#(cluster), "kubernetes": [\#(awsAuth(aliasBomb))]}"#, status: .error, note: "alias bomb in mapRoles"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        let ref = facts.resource.at(AuthenticationMode.field, nil)
        var findings: [Finding] = []
        guard let aws = facts.requireAWS.value(orReportAt: ref, into: &findings),
              let cluster = aws.cluster.value(orReportAt: ref, into: &findings),
              let mode = AuthenticationMode.of(cluster).value(orReportAt: ref, into: &findings),
              let entries = aws.readAccessEntries.value(orReportAt: ref, into: &findings)
        else { return findings }
        let breakglass = Set(context.list(Self.setting, default: []))
        if mode.readsConfigMap, let awsAuth = facts.requireKubernetes.flatMap(\.awsAuth).value(orReportAt: ref, into: &findings), let awsAuth {
            for mapping in awsAuth.mappings {
                let at = awsAuth.ref.at(mapping.field, nil)
                let text = "aws-auth \(mapping.list) maps \(mapping.principalARN) to groups [\(mapping.groups.joined(separator: ", "))]"
                findings.append(verdict(text, grants: mapping.groups.contains(Self.group), principal: mapping.principalARN, breakglass: breakglass, at: at))
            }
        }
        for (child, read) in entries {
            guard let entry = read.value(orReportAt: ResourceRef(kind: "AccessEntry", name: child.name), into: &findings) else { continue }
            let text = "access entry \(entry.principalARN) has kubernetesGroups [\(entry.kubernetesGroups.joined(separator: ", "))]"
            findings.append(verdict(text, grants: entry.kubernetesGroups.contains(Self.group), principal: entry.principalARN, breakglass: breakglass, at: entry.ref.at("accessEntry.kubernetesGroups", nil)))
        }
        if findings.isEmpty { return [.pass("no aws-auth mapping or access entry names a Kubernetes group (authenticationMode \(mode.rawValue))", at: ref)] }
        return findings
    }

    private func verdict(_ text: String, grants: Bool, principal: String, breakglass: Set<String>, at ref: ResourceRef) -> Finding {
        guard grants else { return .pass(text, at: ref) }
        if breakglass.contains(principal) { return .pass("\(text) (listed in \(Self.setting))", at: ref) }
        return .fail("\(text): \(Self.group) bypasses RBAC", at: ref)
    }
}
