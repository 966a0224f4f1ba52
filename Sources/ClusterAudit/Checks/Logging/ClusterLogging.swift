import ClusterSnapshot
import EKSGuardCore

/// The control-plane log types EKS can send to CloudWatch (botocore `LogType`).
package enum ClusterLogging {
    package static let allTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

    /// The union of the types of every enabled `cluster.logging.clusterLogging[]` entry. All
    /// entries count: EKS usually answers with one enabled and one disabled entry, in any order.
    package static func enabledTypes(_ cluster: JSONValue) -> Fetched<Set<String>> {
        guard let entries = cluster[path: "logging.clusterLogging"]?.array else {
            return .failure(DataGap("cluster.logging.clusterLogging is missing from eks:DescribeCluster"))
        }
        var enabled: Set<String> = []
        for entry in entries where entry["enabled"]?.bool == true {
            enabled.formUnion(entry["types"]?.array?.compactMap(\.string) ?? [])
        }
        return .success(enabled)
    }

    /// The enabled types of the audited cluster, or why they cannot be read.
    package static func enabledTypes(of facts: ClusterFacts) -> Fetched<Set<String>> {
        facts.cluster.flatMap(enabledTypes)
    }

    package static let field = "cluster.logging.clusterLogging"
}
