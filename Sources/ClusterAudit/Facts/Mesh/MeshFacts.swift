import EKSGuardCore
import KubernetesAudit

/// Which meshes a cluster runs and which namespaces and pods they cover, read from Kubernetes objects.
package struct MeshFacts: Sendable {
    /// Meshes with a control plane, an enrolled namespace, a mesh resource or an injected proxy.
    package var installed: Set<ServiceMesh>
    /// What shows each installed mesh (for evidence).
    package var evidence: [ServiceMesh: String]
    /// Namespace → meshes enrolling it.
    package var enrolment: [String: Set<ServiceMesh>]
    /// Namespaces in Istio ambient mode.
    package var ambient: Set<String>
    /// Namespaces that hold workloads, minus mesh and system namespaces.
    package var applicationNamespaces: [String]

    /// Namespaces mesh coverage is not expected in (`mesh-exempt-namespaces` replaces the list).
    package static let defaultExemptNamespaces = [
        "kube-system", "kube-public", "kube-node-lease", "istio-system", "istio-ingress", "linkerd", "linkerd-viz",
        "linkerd-cni", "appmesh-system", "amazon-cloudwatch", "amazon-guardduty", "aws-observability", "cert-manager",
        "karpenter", "gatekeeper-system", "kyverno", "calico-system", "tigera-operator", "cilium",
    ]

    package static func read(_ inventory: KubernetesInventory, context: AuditContext) -> Fetched<MeshFacts> {
        let exempt = Set(context.list("mesh-exempt-namespaces", default: defaultExemptNamespaces))
        if let gap = inventory.workloadGap { return .failure(gap) }
        return inventory.objects(KubernetesInventory.namespace).flatMap { namespaces in
            let mesh = ["PeerAuthentication": ServiceMesh.istio, "VirtualNode": .appMesh, "Mesh": .appMesh, "Server": .linkerd]
            var installed: Set<ServiceMesh> = []
            var evidence: [ServiceMesh: String] = [:]
            func note(_ found: ServiceMesh, _ why: String) {
                if installed.insert(found).inserted { evidence[found] = why }
            }
            var enrolment: [String: Set<ServiceMesh>] = [:]
            var ambient: Set<String> = []
            for namespace in namespaces {
                guard let name = namespace.name else { continue }
                let labels = namespace.labelMap, annotations = namespace.annotationMap
                for candidate in ServiceMesh.allCases where candidate.enrols(labels: labels, annotations: annotations) {
                    enrolment[name, default: []].insert(candidate)
                    note(candidate, "namespace \(name) is enrolled")
                }
                if ServiceMesh.isAmbient(labels: labels) { ambient.insert(name) }
            }
            for (kind, found) in mesh {
                for group in ["security.istio.io", "appmesh.k8s.aws", "policy.linkerd.io"] {
                    if let object = try? inventory.objects(.init(group, kind)).get().first {
                        note(found, "\(kind) \(object.namespace.map { "\($0)/" } ?? "")\(object.name ?? "?") exists")
                    }
                }
            }
            for workload in inventory.workloads {
                let names = Set(workload.containers.map(\.name))
                for candidate in ServiceMesh.allCases {
                    if candidate.controlPlaneDeployments.contains(workload.object.name ?? "") {
                        note(candidate, "\(workload.object.kind) \(workload.namespace)/\(workload.object.name ?? "?") runs")
                    } else if candidate != .appMesh, names.contains(candidate.proxyContainer) {
                        note(candidate, "pod \(workload.namespace)/\(workload.object.name ?? "?") has a \(candidate.proxyContainer) container")
                    }
                }
            }
            let used = Set(inventory.workloads.map(\.namespace))
            return .success(MeshFacts(
                installed: installed, evidence: evidence, enrolment: enrolment, ambient: ambient,
                applicationNamespaces: used.subtracting(exempt).sorted()))
        }
    }

    /// The meshes whose proxy runs in a workload's pod (sidecar or native sidecar), or ambient mode.
    package func proxies(in workload: Workload) -> Set<ServiceMesh> {
        let names = Set(workload.containers.map(\.name))
        var found = Set(ServiceMesh.allCases.filter { names.contains($0.proxyContainer) })
        if ambient.contains(workload.namespace), ServiceMesh.istio.optOut(annotations: workload.podAnnotations, labels: workload.podLabels) == nil {
            found.insert(.istio)
        }
        return found
    }

    /// "Istio (namespace shop is enrolled)": the evidence a mesh is in use.
    package var summary: String {
        installed.sorted().map { "\($0.rawValue) (\(evidence[$0] ?? "found"))" }.joined(separator: ", ")
    }
}
