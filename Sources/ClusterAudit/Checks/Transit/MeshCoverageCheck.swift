import EKSGuardCore
import KubernetesAudit

/// EKS-TRN-003: with a mesh in use, application pods outside it talk in clear text.
package struct MeshCoverageCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-TRN-003",
        title: "Application namespaces and pods are inside the service mesh",
        practice: .transitEncryption,
        severity: .medium,
        rationale: """
            A mesh encrypts only the traffic of pods that run its proxy. Once Istio, Linkerd or App Mesh \
            is in use, an application namespace that is not enrolled (`istio-injection=enabled`, \
            `istio.io/rev`, `istio.io/dataplane-mode=ambient`, `linkerd.io/inject: enabled`, \
            `appmesh.k8s.aws/sidecarInjectorWebhook=enabled`), a pod template that opts out \
            (`sidecar.istio.io/inject: "false"`, `linkerd.io/inject: disabled`), or a running pod of an \
            enrolled namespace without the proxy (injection failed) sends clear text. System namespaces \
            are exempt (`mesh-exempt-namespaces` replaces the list). Without any mesh the check does not apply.
            """,
        remediation: """
            Label the namespace for injection (kubectl label namespace NS istio-injection=enabled, or \
            annotate linkerd.io/inject=enabled), remove opt-out annotations, and restart the pods so the \
            proxy is injected.
            """,
        references: ["bpg:network/service-mesh"],
        passing: [
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop", "labels": {"istio-injection": "enabled"}}},
                  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "shop"},
                   "spec": {"containers": [{"name": "web", "image": "web:1"}, {"name": "istio-proxy", "image": "proxyv2:1.27"}]}}]}
                """#),
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}},
                  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"containers": [{"name": "web", "image": "web:1"}]}}]}
                """#, note: "no mesh at all: not applicable"),
        ],
        failing: [
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop", "labels": {"istio-injection": "enabled"}}},
                  {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "billing"}},
                  {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api", "namespace": "billing"},
                   "spec": {"template": {"spec": {"containers": [{"name": "api", "image": "api:1"}]}}}}]}
                """#, expect: ["Namespace/billing"], note: "mesh in use, namespace not enrolled"),
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop", "annotations": {"linkerd.io/inject": "enabled"}}},
                  {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "legacy", "namespace": "shop"},
                   "spec": {"template": {"metadata": {"annotations": {"linkerd.io/inject": "disabled"}}, "spec": {"containers": [{"name": "legacy", "image": "l:1"}]}}}}]}
                """#, expect: ["Deployment/shop/legacy"], note: "opt-out annotation"),
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop", "labels": {"istio-injection": "enabled"}}},
                  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"containers": [{"name": "web", "image": "web:1"}]}}]}
                """#, expect: ["Pod/shop/web"], note: "enrolled namespace, pod without proxy"),
            .cluster(#"{"cluster": {"name": "prod"}}"#, status: .error, note: "no Kubernetes input"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let inventory = facts.requireKubernetes.value(orReportAt: facts.resource, into: &findings),
              let mesh = MeshFacts.read(inventory, context: context).value(orReportAt: facts.resource, into: &findings)
        else { return findings }
        guard !mesh.installed.isEmpty else {
            return [.notApplicable("no service mesh found (no Istio, Linkerd or App Mesh control plane, enrolment or proxy)", at: facts.resource)]
        }
        if mesh.applicationNamespaces.isEmpty {
            return [.notApplicable("\(mesh.summary) is in use, but no application namespace runs workloads", at: facts.resource)]
        }
        for namespace in mesh.applicationNamespaces {
            let ref = ResourceRef(kind: "Namespace", name: namespace)
            let meshes = mesh.enrolment[namespace] ?? []
            if meshes.isEmpty {
                findings.append(.fail("namespace runs workloads but is not enrolled in the mesh in use (\(mesh.summary))", at: ref))
            } else {
                findings.append(.pass("enrolled in \(meshes.sorted().map(\.rawValue).joined(separator: ", "))", at: ref))
            }
        }
        let application = Set(mesh.applicationNamespaces)
        for workload in inventory.workloads where application.contains(workload.namespace) {
            for candidate in mesh.installed.sorted() {
                if let optOut = candidate.optOut(annotations: workload.podAnnotations, labels: workload.podLabels) {
                    findings.append(.fail("pod template opts out of \(candidate.rawValue) with \(optOut)", at: workload.ref(workload.podMetadata)))
                }
            }
            let enrolled = mesh.enrolment[workload.namespace] ?? []
            if workload.isPod, !enrolled.isEmpty, mesh.proxies(in: workload).isDisjoint(with: enrolled),
               enrolled.allSatisfy({ $0.optOut(annotations: workload.podAnnotations, labels: workload.podLabels) == nil })
            {
                let expected = enrolled.sorted().map { $0.proxyContainer }.joined(separator: " or ")
                findings.append(.fail("pod runs in an enrolled namespace without a \(expected) container (injection failed or the pod predates enrolment)", at: workload.resource))
            }
        }
        return findings
    }
}
