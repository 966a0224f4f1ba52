import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IAM-007: Pod Identity associations only take effect when the agent runs, the service account
/// exists, and IRSA does not claim the same service account.
package struct PodIdentityAgentCheck: ClusterCheck {
    package init() {}

    typealias X = IdentityExamples

    static let addon = "eks-pod-identity-agent"
    /// `botocore AddonStatus`; anything else is reported as unknown.
    static let healthy: Set<String> = ["ACTIVE", "UPDATING"]
    static let statuses: Set<String> = ["CREATING", "ACTIVE", "CREATE_FAILED", "UPDATING", "DELETING", "DELETE_FAILED", "DEGRADED", "UPDATE_FAILED"]

    static let association = #""podIdentityAssociations": [{"associationId": "a-1", "namespace": "apps", "serviceAccount": "app", "roleArn": "\#(X.roleARN("app"))"}]"#
    static let plainAccount = #"{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "app", "namespace": "apps"}}"#

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-007",
        title: "Pod Identity associations are served (agent running, service account present, no IRSA overlap)",
        practice: .podIdentity,
        severity: .medium,
        rationale: """
            Associations need the `eks-pod-identity-agent` add-on (status ACTIVE) or a self-managed \
            `kube-system/eks-pod-identity-agent` DaemonSet; without it pods fall back to the node role. An \
            association for a service account that does not exist serves nothing (a typo, or a name an \
            attacker could claim by creating it), and a service account that also carries an IRSA \
            annotation gets whichever credentials the SDK finds first: the two must not disagree silently.
            """,
        remediation: """
            aws eks create-addon --cluster-name CLUSTER --addon-name eks-pod-identity-agent; delete associations for \
            service accounts that do not exist; keep one mechanism per service account.
            """,
        references: ["bpg:iam-pod-identities"],
        passing: [
            .cluster(#"{\#(X.cluster), \#(association), "addons": [{"addonName": "eks-pod-identity-agent", "status": "ACTIVE"}], "kubernetes": [\#(plainAccount)]}"#),
            .cluster(#"{\#(X.cluster), "kubernetes": []}"#, note: "no associations: not applicable"),
        ],
        failing: [
            .cluster(#"{\#(X.cluster), \#(association), "kubernetes": [\#(plainAccount)]}"#, expect: ["EKSCluster/prod"], note: "no agent"),
            .cluster(
                #"{\#(X.cluster), \#(association), "addons": [{"addonName": "eks-pod-identity-agent", "status": "ACTIVE"}], "kubernetes": []}"#,
                expect: ["PodIdentityAssociation/apps/app"], note: "service account missing"),
            .cluster(
                #"{\#(X.cluster), \#(association), "addons": [{"addonName": "eks-pod-identity-agent", "status": "ACTIVE"}], "kubernetes": [\#(X.serviceAccount("apps", "app", role: "other"))]}"#,
                expect: ["PodIdentityAssociation/apps/app"], note: "IRSA annotation too"),
            .cluster(
                #"{\#(X.cluster), \#(association), "addons": [{"addonName": "eks-pod-identity-agent", "status": "SLEEPING"}], "kubernetes": [\#(plainAccount)]}"#,
                status: .error, note: "unknown add-on status"),
            .cluster(#"{\#(X.cluster), \#(association)}"#, status: .error, note: "no Kubernetes input"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        let ref = facts.resource.at("addon.eks-pod-identity-agent", nil)
        var findings: [Finding] = []
        guard let aws = facts.requireAWS.value(orReportAt: ref, into: &findings),
              let associations = aws.associations.value(orReportAt: ref, into: &findings)
        else { return findings }
        guard !associations.isEmpty else { return [.notApplicable("the cluster has no Pod Identity associations", at: ref)] }
        guard let kubernetes = facts.requireKubernetes.value(orReportAt: ref, into: &findings),
              let accounts = kubernetes.objects(KubernetesInventory.serviceAccount).value(orReportAt: ref, into: &findings),
              let annotated = kubernetes.annotatedServiceAccounts.value(orReportAt: ref, into: &findings),
              let addons = aws.addons.value(orReportAt: ref, into: &findings),
              let daemonSets = kubernetes.objects(KubernetesInventory.daemonSet).value(orReportAt: ref, into: &findings)
        else { return findings }
        findings.append(agentFinding(addons: addons, daemonSets: daemonSets, count: associations.count, at: ref))
        for (child, read) in associations {
            guard let association = read.value(orReportAt: PodIdentityAssociation.ref(child), into: &findings) else { continue }
            let at = association.ref.at("association.serviceAccount", nil)
            if !accounts.contains(where: { $0.namespace == association.namespace && $0.name == association.serviceAccount }) {
                findings.append(.fail("association \(association.id) names service account \(association.qualifiedName), which does not exist", at: at))
            } else if let irsa = annotated.first(where: { $0.namespace == association.namespace && $0.name == association.serviceAccount }) {
                findings.append(.fail(
                    "service account \(association.qualifiedName) has both this association (role \(association.roleARN)) and IRSA annotation \(irsa.roleARN)",
                    at: at))
            } else {
                findings.append(.pass("association \(association.id): service account \(association.qualifiedName) exists, no IRSA annotation", at: at))
            }
        }
        return findings
    }

    private func agentFinding(addons: [AWSFacts.Child], daemonSets: [KubernetesObject], count: Int, at ref: ResourceRef) -> Finding {
        if let agent = addons.first(where: { $0.name == Self.addon }) {
            switch agent.value {
            case .failure(let gap): return .gap(gap, at: ref)
            case .success(let addon):
                let status = addon["status"]?.string ?? "(none)"
                guard Self.statuses.contains(status) else { return .error("add-on \(Self.addon) has unknown status \(status)", at: ref) }
                if Self.healthy.contains(status) { return .pass("add-on \(Self.addon) is \(status) for \(count) association(s)", at: ref) }
                return .fail("add-on \(Self.addon) is \(status): \(count) association(s) are not served", at: ref)
            }
        }
        if daemonSets.contains(where: { $0.namespace == "kube-system" && $0.name == Self.addon }) {
            return .pass("DaemonSet kube-system/\(Self.addon) runs for \(count) association(s) (self-managed)", at: ref)
        }
        return .fail("\(count) association(s) exist but neither the \(Self.addon) add-on nor its DaemonSet is installed; pods fall back to the node role", at: ref)
    }
}
