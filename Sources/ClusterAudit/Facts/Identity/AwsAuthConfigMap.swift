import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// One entry of `kube-system/aws-auth`'s `mapRoles` or `mapUsers`: an IAM principal mapped to a
/// Kubernetes user name and groups.
package struct AwsAuthMapping: Sendable {
    /// `mapRoles` or `mapUsers`.
    package var list: String
    package var index: Int
    package var principalARN: String
    package var username: String?
    package var groups: [String]

    package var field: String { "data.\(list)[\(index)]" }
}

/// The legacy `kube-system/aws-auth` ConfigMap, its YAML strings read.
package struct AwsAuthConfigMap: Sendable {
    package var object: KubernetesObject
    package var mappings: [AwsAuthMapping]

    /// A ConfigMap holds at most 1 MiB; the nesting of a mapping list is shallow.
    static let maxBytes = 1 << 20
    static let limits = YAMLLimits(maxDepth: 8, maxNodesPerDocument: 200_000)

    package var ref: ResourceRef { object.resource }

    /// Reads `mapRoles` and `mapUsers`; an unreadable list is a gap naming the list.
    static func read(_ object: KubernetesObject) -> Fetched<AwsAuthConfigMap> {
        var mappings: [AwsAuthMapping] = []
        for (list, arnKey) in [("mapRoles", "rolearn"), ("mapUsers", "userarn")] {
            let field = object.root["data"][list]
            guard field.exists else { continue }
            guard let text = field.string.value else { return .failure(DataGap("kube-system/aws-auth data.\(list) is not a string")) }
            guard text.utf8.count <= maxBytes else { return .failure(DataGap("kube-system/aws-auth data.\(list) is larger than 1 MiB")) }
            let root: SourceNode?
            do throws(YAMLError) { root = try limits.parseSingleDocument(Array(text.utf8)) } catch {
                return .failure(DataGap("kube-system/aws-auth data.\(list) is not valid YAML: \(error.message) at line \(error.position.line)"))
            }
            guard let root, !root.isNull else { continue }
            guard let items = root.items else { return .failure(DataGap("kube-system/aws-auth data.\(list) is not a YAML list")) }
            for (index, item) in items.enumerated() {
                guard let arn = item[arnKey]?.string else {
                    return .failure(DataGap("kube-system/aws-auth data.\(list) entry \(index + 1) has no \(arnKey)"))
                }
                let groups = item["groups"]?.items?.compactMap(\.string) ?? []
                mappings.append(AwsAuthMapping(list: list, index: index, principalARN: arn, username: item["username"]?.string, groups: groups))
            }
        }
        return .success(AwsAuthConfigMap(object: object, mappings: mappings))
    }
}

extension KubernetesInventory {
    /// `kube-system/aws-auth`, or nil when the cluster has none.
    package var awsAuth: Fetched<AwsAuthConfigMap?> {
        object(Self.configMap, namespace: "kube-system", name: "aws-auth").flatMap { found in
            guard let found else { return .success(nil) }
            return AwsAuthConfigMap.read(found).map(Optional.some)
        }
    }
}
