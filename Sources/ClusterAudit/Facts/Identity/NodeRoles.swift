import ClusterSnapshot
import EKSGuardCore

/// The IAM roles of the cluster's managed node groups (`nodegroup.nodeRole`), each with the node
/// groups that use it.
package struct NodeRole: Sendable {
    package var arn: String
    package var nodegroups: [String]

    package var ref: ResourceRef { ResourceRef(kind: "IAMRole", name: IAMRole.name(of: arn), arn: arn) }
    package var users: String { "node group(s) \(nodegroups.joined(separator: ", "))" }

    /// Managed policies a node role needs, or may reasonably carry (CloudWatch agent).
    package static let expectedPolicies: Set<String> = [
        "AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly", "AmazonEC2ContainerRegistryPullOnly",
        "AmazonEKS_CNI_Policy", "AmazonSSMManagedInstanceCore", "CloudWatchAgentServerPolicy",
    ]
}

extension AWSFacts {
    /// Node roles with their node groups; a node group that could not be described is a gap.
    package var nodeRoles: Fetched<[NodeRole]> {
        nodegroups.flatMap { children in
            var byRole: [String: [String]] = [:]
            for child in children {
                switch child.value {
                case .failure(let gap): return .failure(gap)
                case .success(let nodegroup):
                    guard let role = nodegroup["nodeRole"]?.string else {
                        return .failure(DataGap("node group \(child.name) has no nodeRole"))
                    }
                    byRole[role, default: []].append(child.name)
                }
            }
            return .success(byRole.keys.sorted().map { NodeRole(arn: $0, nodegroups: byRole[$0]!.sorted()) })
        }
    }
}
