import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-NET-001: the public API endpoint reachable from any address.
package struct PublicEndpointOpenCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-NET-001",
        title: "Public API endpoint is not open to any address",
        practice: .privateNetworking,
        severity: .high,
        rationale: """
            With `endpointPublicAccess` true and `publicAccessCidrs` holding `0.0.0.0/0` — or `::/0`, which EKS adds by \
            default on dual-stack clusters and Prowler does not test — anyone can reach the API server and try \
            stolen tokens or unauthenticated endpoints. Critical when the Kubernetes input also binds a role to \
            `system:anonymous` or `system:unauthenticated`.
            """,
        remediation: """
            aws eks update-cluster-config --name CLUSTER --resources-vpc-config \
            endpointPublicAccess=true,publicAccessCidrs=203.0.113.0/24,endpointPrivateAccess=true (or turn the public endpoint off).
            """,
        references: [
            "CIS-EKS-1.8.0:5.4.1", "CIS-EKS-1.7.0:5.4.1", "CIS-EKS-1.5.0:5.4.1", "CIS-EKS-1.2.0:5.4.1",
            "prowler:eks_cluster_not_publicly_accessible", "kubescape:C-0227", "checkov:CKV_AWS_38", "trivy:AWS-0041", "securityhub:EKS.1",
        ],
        passing: [
            .cluster(#"{"cluster": {"name": "p", "resourcesVpcConfig": {"endpointPublicAccess": true, "endpointPrivateAccess": true, "publicAccessCidrs": ["203.0.113.0/24"]}}}"#),
            .cluster(#"{"cluster": {"name": "p", "resourcesVpcConfig": {"endpointPublicAccess": false, "endpointPrivateAccess": true}}}"#),
        ],
        failing: [
            .cluster(#"{"cluster": {"name": "p", "resourcesVpcConfig": {"endpointPublicAccess": true, "endpointPrivateAccess": true, "publicAccessCidrs": ["203.0.113.0/24", "::/0"]}}}"#,
                     expect: ["cluster.resourcesVpcConfig.publicAccessCidrs"], note: "high: ::/0 on a dual-stack cluster"),
            .cluster(#"""
                {"cluster": {"name": "p", "resourcesVpcConfig": {"endpointPublicAccess": true, "endpointPrivateAccess": false, "publicAccessCidrs": ["0.0.0.0/0"]}},
                 "kubernetes": [{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "anon"}, "roleRef": {"kind": "ClusterRole", "name": "view"},
                                 "subjects": [{"kind": "User", "name": "system:anonymous"}]}]}
                """#, note: "critical: open to all and anonymous access bound"),
            .cluster(#"{"cluster": {"name": "p", "resourcesVpcConfig": {"endpointPublicAccess": true, "endpointPrivateAccess": true}}}"#, status: .error, note: "publicAccessCidrs missing"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let access = facts.endpointAccess(into: &findings) else { return findings }
        let ref = facts.resource.at("cluster.resourcesVpcConfig.publicAccessCidrs", nil)
        let open = access.publicCIDRs.filter(CIDR.isAnyAddress)
        guard access.publicAccess, !open.isEmpty else { return [.pass(access.evidence, at: ref)] }
        let anonymous = anonymousBindings(facts)
        if !anonymous.isEmpty {
            return [.fail("the public endpoint accepts \(open.joined(separator: " and ")) and RBAC binds anonymous users (\(anonymous.joined(separator: ", ")))", at: ref, severity: .critical)]
        }
        return [.fail("the public endpoint accepts \(open.joined(separator: " and ")) (\(access.evidence))", at: ref, severity: .high)]
    }

    /// Bindings naming `system:anonymous` or `system:unauthenticated` (empty without Kubernetes input).
    private func anonymousBindings(_ facts: ClusterFacts) -> [String] {
        guard let inventory = facts.kubernetes else { return [] }
        var names: [String] = []
        for kind in [KubernetesInventory.clusterRoleBinding, KubernetesInventory.roleBinding] {
            for binding in (try? inventory.objects(kind).get()) ?? [] {
                let subjects = binding.root["subjects"].items.compactMap { $0["name"].string.value }
                if subjects.contains(where: { $0 == "system:anonymous" || $0 == "system:unauthenticated" }) {
                    names.append("\(binding.kind) \(binding.name ?? "?")")
                }
            }
        }
        return names
    }
}
