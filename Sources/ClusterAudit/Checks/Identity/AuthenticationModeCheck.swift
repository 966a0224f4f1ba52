import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IAM-017: access entries (the EKS API) replace the aws-auth ConfigMap.
package struct AuthenticationModeCheck: ClusterCheck {
    package init() {}

    static func cluster(_ mode: String) -> String { #""cluster": {"name": "prod", "accessConfig": {"authenticationMode": "\#(mode)"}}"# }
    static let awsAuth = #"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "aws-auth", "namespace": "kube-system"}, "data": {"mapRoles": "- rolearn: arn:aws:iam::111122223333:role/nodes\n  username: system:node:{{EC2PrivateDNSName}}\n  groups: [system:bootstrappers, system:nodes]\n"}}"#

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-017",
        title: "Cluster authentication uses access entries, not the aws-auth ConfigMap",
        practice: .podIdentity,
        severity: .medium,
        rationale: """
            With `CONFIG_MAP` mode, cluster access lives in `kube-system/aws-auth`, which anyone able to edit \
            that ConfigMap can change, with no AWS API trail (medium). `API_AND_CONFIG_MAP` with mappings still \
            in aws-auth is a migration left half done (low). `API` reads access entries only.
            """,
        remediation: """
            Create access entries for every aws-auth mapping, empty aws-auth, then \
            aws eks update-cluster-config --name CLUSTER --access-config authenticationMode=API.
            """,
        references: ["CIS-EKS-1.8.0:4.1.7", "CIS-EKS-1.7.0:4.1.7", "kubescape:C-0285", "bpg:iam-cluster-access-manager"],
        passing: [
            .cluster(#"{\#(cluster("API"))}"#),
            .cluster(#"{\#(cluster("API_AND_CONFIG_MAP")), "kubernetes": []}"#, note: "no aws-auth left"),
        ],
        failing: [
            .cluster(#"{\#(cluster("CONFIG_MAP"))}"#, expect: [AuthenticationMode.field]),
            .cluster(#"{\#(cluster("API_AND_CONFIG_MAP")), "kubernetes": [\#(awsAuth)]}"#, note: "low"),
            .cluster(#"{\#(cluster("OIDC_ONLY"))}"#, status: .error, note: "unknown mode"),
            .cluster(#"{\#(cluster("API_AND_CONFIG_MAP"))}"#, status: .error, note: "aws-auth unknown without Kubernetes input"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        let ref = facts.resource.at(AuthenticationMode.field, nil)
        var findings: [Finding] = []
        guard let cluster = facts.cluster.value(orReportAt: ref, into: &findings),
              let mode = AuthenticationMode.of(cluster).value(orReportAt: ref, into: &findings)
        else { return findings }
        switch mode {
        case .api: return [.pass("authenticationMode API: access entries only", at: ref)]
        case .configMap: return [.fail("authenticationMode CONFIG_MAP: cluster access is managed in kube-system/aws-auth", at: ref)]
        case .apiAndConfigMap:
            guard let awsAuth = facts.requireKubernetes.flatMap(\.awsAuth).value(orReportAt: ref, into: &findings) else { return findings }
            guard let awsAuth, !awsAuth.mappings.isEmpty else {
                return [.pass("authenticationMode API_AND_CONFIG_MAP with no mapping left in aws-auth", at: ref)]
            }
            return [.fail(
                "authenticationMode API_AND_CONFIG_MAP and aws-auth still maps \(awsAuth.mappings.count) principal(s); finish the migration to access entries",
                at: ref, severity: .low)]
        }
    }
}
