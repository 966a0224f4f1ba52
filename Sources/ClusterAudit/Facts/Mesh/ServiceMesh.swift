/// The service meshes eksguard recognises, with the Kubernetes marks each leaves (catalog §9.2).
package enum ServiceMesh: String, CaseIterable, Sendable, Comparable {
    case istio = "Istio"
    case linkerd = "Linkerd"
    case appMesh = "App Mesh"

    package static func < (a: ServiceMesh, b: ServiceMesh) -> Bool { a.rawValue < b.rawValue }

    /// The proxy container the mesh injects (a native sidecar is an init container).
    package var proxyContainer: String {
        switch self {
        case .istio: "istio-proxy"
        case .linkerd: "linkerd-proxy"
        case .appMesh: "envoy"
        }
    }

    /// Whether a namespace's labels and annotations enrol its pods.
    package func enrols(labels: [String: String], annotations: [String: String]) -> Bool {
        switch self {
        case .istio:
            labels["istio-injection"] == "enabled" || labels["istio.io/rev"] != nil
                || labels["istio.io/dataplane-mode"] == "ambient"
        case .linkerd:
            annotations["linkerd.io/inject"] == "enabled"
        case .appMesh:
            labels["appmesh.k8s.aws/sidecarInjectorWebhook"] == "enabled"
        }
    }

    /// Whether a namespace runs in Istio's ambient mode (no sidecars: ztunnel carries mTLS).
    package static func isAmbient(labels: [String: String]) -> Bool {
        labels["istio.io/dataplane-mode"] == "ambient"
    }

    /// The pod annotation (key and value) that opts a pod out, if it carries one.
    package func optOut(annotations: [String: String], labels: [String: String]) -> String? {
        switch self {
        case .istio:
            if annotations["sidecar.istio.io/inject"] == "false" { return "sidecar.istio.io/inject: \"false\"" }
            if labels["sidecar.istio.io/inject"] == "false" { return "label sidecar.istio.io/inject: \"false\"" }
            if labels["istio.io/dataplane-mode"] == "none" { return "label istio.io/dataplane-mode: none" }
        case .linkerd:
            if annotations["linkerd.io/inject"] == "disabled" { return "linkerd.io/inject: disabled" }
        case .appMesh:
            if annotations["appmesh.k8s.aws/sidecarInjectorWebhook"] == "disabled" {
                return "appmesh.k8s.aws/sidecarInjectorWebhook: disabled"
            }
        }
        return nil
    }

    /// Control-plane deployments whose presence means the mesh is installed.
    package var controlPlaneDeployments: [String] {
        switch self {
        case .istio: ["istiod"]
        case .linkerd: ["linkerd-destination", "linkerd-proxy-injector"]
        case .appMesh: ["appmesh-controller"]
        }
    }
}
