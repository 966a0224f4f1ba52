import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// One running EC2 instance that is a node of the cluster.
package struct NodeInstance: Sendable {
    package var id: String
    /// The `ec2:DescribeInstances` item: the effective settings (IMDS, key pair, public IP).
    package var instance: JSONValue
    /// The node group or Auto Scaling group that launched it, when known.
    package var pool: String?
    /// The Kubernetes node name, when the Kubernetes input lists the node.
    package var nodeName: String?

    package var ref: ResourceRef { ResourceRef(kind: "Instance", name: id) }
    package var label: String { "\(id)\(pool.map { " (\($0))" } ?? "")" }
}

extension ClusterFacts {
    /// The cluster's node instances, found three ways so none is missed: membership of the node
    /// pools' Auto Scaling groups, the cluster tags EKS and self-managed bootstrap put on
    /// instances, and Kubernetes nodes' `spec.providerID` (`aws:///zone/i-…`).
    package var nodeInstances: Fetched<[NodeInstance]> {
        requireAWS.flatMap { aws in
            aws.instances.map { instances in
                var members: [String: String] = [:]
                for group in (try? aws.autoScalingGroups.get()) ?? [] {
                    let name = group["AutoScalingGroupName"]?.string ?? "?"
                    for member in group["Instances"]?.array ?? [] {
                        if let id = member["InstanceId"]?.string { members[id] = AWSFacts.tag("eks:nodegroup-name", of: group) ?? name }
                    }
                }
                let nodes = providerIDs
                return instances.compactMap { instance -> NodeInstance? in
                    guard let id = instance["InstanceId"]?.string else { return nil }
                    let tagged = AWSFacts.tag("kubernetes.io/cluster/\(aws.clusterName)", of: instance) != nil
                        || AWSFacts.tag("eks:cluster-name", of: instance) == aws.clusterName
                    guard tagged || members[id] != nil || nodes[id] != nil else { return nil }
                    let pool = AWSFacts.tag("eks:nodegroup-name", of: instance) ?? members[id]
                        ?? AWSFacts.tag("aws:autoscaling:groupName", of: instance)
                    return NodeInstance(id: id, instance: instance, pool: pool, nodeName: nodes[id])
                }
            }
        }
    }

    /// Instance ID → Kubernetes node name, from `Node.spec.providerID` (empty without Kubernetes input).
    package var providerIDs: [String: String] {
        guard let nodes = try? kubernetes?.objects(KubernetesInventory.node).get() else { return [:] }
        var map: [String: String] = [:]
        for node in nodes {
            guard let provider = node.root["spec"]["providerID"].string.value, provider.hasPrefix("aws://"),
                  let id = provider.split(separator: "/").last, id.hasPrefix("i-")
            else { continue }
            map[String(id)] = node.name
        }
        return map
    }
}
