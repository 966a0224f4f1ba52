import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-TRN-009: the share of application workloads whose pod-to-pod traffic some layer encrypts.
package struct EastWestEncryptionCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-TRN-009",
        title: "East-west traffic of every application workload is encrypted by some layer",
        practice: .transitEncryption,
        severity: .info,
        rationale: """
            A summary of EKS-TRN-001 to 007: an application workload's traffic to other pods counts as \
            encrypted when its pods run a mesh proxy under STRICT or automatic mutual TLS (Istio with a \
            mesh-wide STRICT policy, Linkerd), when CNI encryption is on, or when every node runs an \
            instance type that encrypts between instances (same or peered VPC, no load balancer or \
            transit gateway on the path). The finding gives the share covered and names the \
            workloads left in clear text.
            """,
        remediation: "Close the gaps the other EKS-TRN checks report: enrol the listed workloads in the mesh, or move their nodes to encrypting instance types.",
        references: [],
        passing: [
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1", "labels": {"node.kubernetes.io/instance-type": "m7i.large"}}},
                  {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"},
                   "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "web:1"}]}}}}]}
                """#),
        ],
        failing: [
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1", "labels": {"node.kubernetes.io/instance-type": "m5.large"}}},
                  {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"},
                   "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "web:1"}]}}}}]}
                """#, expect: ["EKSCluster/(from Kubernetes input)"]),
            .cluster(#"{"cluster": {"name": "prod"}}"#, status: .error, note: "no Kubernetes input"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let inventory = facts.requireKubernetes.value(orReportAt: facts.resource, into: &findings),
              let mesh = MeshFacts.read(inventory, context: context).value(orReportAt: facts.resource, into: &findings),
              let nodes = inventory.objects(KubernetesInventory.node).value(orReportAt: facts.resource, into: &findings)
        else { return findings }
        let application = Set(mesh.applicationNamespaces)
        let workloads = inventory.workloads.filter { application.contains($0.namespace) && !$0.isOwnedPod }
        guard !workloads.isEmpty else { return [.notApplicable("no application workload", at: facts.resource)] }
        let compensation = TransitCompensation.describe(inventory, mesh: mesh, context: context)
        let answers = EncryptingInstanceFamilies.apiAnswers(facts.aws)
        let types = nodes.compactMap { $0.labelMap["node.kubernetes.io/instance-type"] }
        let nodesEncrypt = !types.isEmpty && types.allSatisfy { EncryptingInstanceFamilies.encrypts($0, answers: answers) == true }
        var clear: [String] = []
        for workload in workloads {
            let proxies = mesh.proxies(in: workload).union(mesh.enrolment[workload.namespace] ?? [])
            let meshed = (compensation?.hasPrefix("Istio") == true && proxies.contains(.istio))
                || (compensation?.hasPrefix("Linkerd") == true && proxies.contains(.linkerd))
            let cni = compensation.map { $0.hasPrefix("Cilium") || $0.hasPrefix("Calico") } ?? false
            if !(meshed || cni || nodesEncrypt) { clear.append("\(workload.object.kind)/\(workload.namespace)/\(workload.object.name ?? "?")") }
        }
        let covered = workloads.count - clear.count
        let share = "\(covered) of \(workloads.count) application workloads (\(covered * 100 / workloads.count) %)"
        var layers: [String] = []
        if let compensation { layers.append(compensation) }
        if nodesEncrypt { layers.append("encrypting instance types on every node (\(Set(types).sorted().joined(separator: ", ")))") }
        let by = layers.isEmpty ? "no layer" : layers.joined(separator: "; ")
        if clear.isEmpty { return [.pass("\(share) encrypted by \(by)", at: facts.resource)] }
        let listed = clear.prefix(10).joined(separator: ", ") + (clear.count > 10 ? ", and \(clear.count - 10) more" : "")
        return [.fail("\(share) encrypted (by \(by)); clear text: \(listed)", at: facts.resource)]
    }
}
