import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IAM-011: every pod that reaches the node's credentials acts with the node role.
package struct NodeRolePrivilegeCheck: ClusterCheck {
    package init() {}

    typealias R = NodeRoleReview

    static let baseline = [R.managed("AmazonEKSWorkerNodePolicy"), R.managed("AmazonEC2ContainerRegistryReadOnly"), R.managed("AmazonEKS_CNI_Policy")]

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-011",
        title: "Node role carries only the node policies",
        practice: .podIdentity,
        severity: .high,
        rationale: """
            Pods that reach the instance metadata service (and every pod without its own role) act with \
            the node role. It should hold only AmazonEKSWorkerNodePolicy, AmazonEC2ContainerRegistryReadOnly \
            (or PullOnly), AmazonEKS_CNI_Policy, AmazonSSMManagedInstanceCore and optionally \
            CloudWatchAgentServerPolicy. Any other attached or inline policy fails (high); one that allows \
            `*` on `*` (or AdministratorAccess) is critical.
            """,
        remediation: """
            Detach the extra policies (aws iam detach-role-policy / delete-role-policy) and give the workloads \
            that need them their own roles through IRSA or Pod Identity.
            """,
        references: ["CIS-EKS-1.8.0:5.2.1", "CIS-EKS-1.8.0:5.1.3", "kubescape:C-0225", "prowler:iam_role_administratoraccess_policy"],
        passing: [
            .cluster(R.example(attached: baseline)),
            .cluster(#"{"cluster": {"name": "prod"}}"#, note: "no managed node groups"),
        ],
        failing: [
            .cluster(R.example(attached: baseline + [R.managed("AmazonS3FullAccess", IdentityExamples.writePolicy)]), expect: ["IAMRole/nodes"], note: "high"),
            .cluster(R.example(attached: baseline, inline: IdentityExamples.adminPolicy), note: "critical: inline admin"),
            .cluster(
                #"{"cluster": {"name": "prod"}, "nodegroups": [{"nodegroupName": "ng-1", "nodeRole": "arn:aws:iam::111122223333:role/nodes"}]}"#,
                status: .error, note: "role not collected"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        NodeRoleReview.evaluate(facts) { node, policies, _ in
            let ref = node.ref.at(NodeRoleReview.field, nil)
            let extra = policies.filter { !($0.isAWSManaged && NodeRole.expectedPolicies.contains($0.name)) }
            let admin = extra.filter { policy in
                policy.name == "AdministratorAccess" || (try? policy.document.get()).map { PermissionLevel.of($0) == .admin } == true
            }
            let names = policies.map(\.shown).joined(separator: ", ")
            if extra.isEmpty {
                return .pass("node role \(IAMRole.name(of: node.arn)) (\(node.users)): \(names.isEmpty ? "no policies" : names)", at: ref)
            }
            let adminText = admin.isEmpty ? "" : "; \(admin.map(\.shown).joined(separator: ", ")) allow everything"
            return .fail(
                "node role \(IAMRole.name(of: node.arn)) (\(node.users)) has policies beyond the node baseline: \(extra.map(\.shown).joined(separator: ", "))\(adminText)",
                at: ref, severity: admin.isEmpty ? .high : .critical)
        }
    }
}
