import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// Node facts shared by node checks.
package enum NodeCompute {
    /// `fargate`, `auto` (Auto Mode) or nil, from the `eks.amazonaws.com/compute-type` label.
    package static func serverlessType(of node: KubernetesObject) -> String? {
        let type = node.root["metadata"]["labels"]["eks.amazonaws.com/compute-type"].string.value
        switch type {
        case "fargate": return "Fargate"
        case "auto": return "EKS Auto Mode"
        default: return nil
        }
    }
}
