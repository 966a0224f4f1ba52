import ClusterSnapshot
import EKSGuardCore

/// `cluster.accessConfig.authenticationMode`: which sources of identity mappings the API server reads.
package enum AuthenticationMode: String, Sendable {
    case api = "API"
    case apiAndConfigMap = "API_AND_CONFIG_MAP"
    case configMap = "CONFIG_MAP"

    package static let field = "cluster.accessConfig.authenticationMode"

    /// Whether the `aws-auth` ConfigMap still grants access.
    package var readsConfigMap: Bool { self != .api }

    package static func of(_ cluster: JSONValue) -> Fetched<AuthenticationMode> {
        guard let raw = cluster[path: "accessConfig.authenticationMode"]?.string else {
            return .failure(DataGap("\(field) is missing from eks:DescribeCluster"))
        }
        guard let mode = AuthenticationMode(rawValue: raw) else {
            return .failure(DataGap("\(field) has unknown value \(raw)"))
        }
        return .success(mode)
    }
}

/// An access entry (`eks:DescribeAccessEntry → accessEntry`) with its associated access policies.
package struct AccessEntry: Sendable {
    package var principalARN: String
    package var type: String
    package var kubernetesGroups: [String]
    /// `ListAssociatedAccessPolicies → associatedAccessPolicies[]`, or why they are missing.
    package var policies: Fetched<[(arn: String, scope: String)]>

    package var ref: ResourceRef { ResourceRef(kind: "AccessEntry", name: principalARN, arn: principalARN) }
    package var isUser: Bool { principalARN.contains(":user/") }

    static let clusterAdmin = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"

    /// Whether the entry has AmazonEKSClusterAdminPolicy over the whole cluster.
    package var isClusterAdmin: Bool {
        (try? policies.get())?.contains { $0.arn == Self.clusterAdmin && $0.scope == "cluster" } ?? false
    }
}

extension AWSFacts {
    /// Every access entry, each read or with why it could not be.
    package var readAccessEntries: Fetched<[(child: Child, entry: Fetched<AccessEntry>)]> {
        accessEntries.map { children in
            children.map { child in
                (child, child.value.map { value in
                    let principal = value["principalArn"]?.string ?? child.name
                    let policies = response("eks", "ListAssociatedAccessPolicies", matching: ["principalArn": .string(principal)]).map { answer in
                        (answer["associatedAccessPolicies"]?.array ?? []).map {
                            (arn: $0["policyArn"]?.string ?? "", scope: $0[path: "accessScope.type"]?.string ?? "")
                        }
                    }
                    return AccessEntry(
                        principalARN: principal, type: value["type"]?.string ?? "STANDARD",
                        kubernetesGroups: value["kubernetesGroups"]?.array?.compactMap(\.string) ?? [], policies: policies)
                })
            }
        }
    }
}
