import ClusterSnapshot
import EKSGuardCore

/// The security groups that guard the cluster's nodes and control-plane ENIs, each with who uses
/// it, and the node instances behind it that have a public IP.
package struct NodeSecurityGroups: Sendable {
    /// Group ID → "cluster security group", "node group ng-1 remote access", "instance i-1", ...
    package var users: [String: [String]] = [:]
    /// Group ID → instances using it that have a public IPv4 address.
    package var publicInstances: [String: [String]] = [:]
    /// What could not be read while gathering groups (a launch template, the instances).
    package var gaps: [(ref: ResourceRef, gap: DataGap)] = []

    mutating func add(_ group: String?, _ user: String) {
        guard let group, !group.isEmpty else { return }
        if users[group]?.contains(user) != true { users[group, default: []].append(user) }
    }

    package var sortedIDs: [String] { users.keys.sorted() }
}

extension ClusterFacts {
    /// Gathers groups from the cluster VPC config, node groups' remote-access groups, launch
    /// templates (`SecurityGroupIds`, `NetworkInterfaces[].Groups`) and running node instances.
    package func nodeSecurityGroups(cluster: JSONValue) -> NodeSecurityGroups {
        var groups = NodeSecurityGroups()
        groups.add(cluster[path: "resourcesVpcConfig.clusterSecurityGroupId"]?.string, "cluster security group")
        for id in cluster[path: "resourcesVpcConfig.securityGroupIds"]?.array ?? [] {
            groups.add(id.string, "additional cluster security group")
        }
        guard let aws else { return groups }
        switch aws.nodePools {
        case .failure(let gap): groups.gaps.append((resource, gap))
        case .success(let pools):
            for entry in pools {
                guard case .success(let pool) = entry.pool else { continue }
                groups.add(pool.object[path: "resources.remoteAccessSecurityGroup"]?.string, "\(pool.label) remote access")
                switch aws.launchTemplateData(of: pool) {
                case .failure(let gap): groups.gaps.append((pool.ref, gap))
                case .success(nil): break
                case .success(let resolved?):
                    let ids = (resolved.data["SecurityGroupIds"]?.array ?? [])
                        + (resolved.data["NetworkInterfaces"]?.array ?? []).flatMap { $0["Groups"]?.array ?? [] }
                    for id in ids { groups.add(id.string, "\(pool.label) launch template") }
                }
            }
        }
        switch nodeInstances {
        case .failure(let gap): groups.gaps.append((resource.at("instances", nil), gap))
        case .success(let instances):
            for node in instances {
                let publicIP = PublicAddress.of(node.instance)
                for group in node.instance["SecurityGroups"]?.array ?? [] {
                    guard let id = group["GroupId"]?.string else { continue }
                    groups.add(id, "instance \(node.id)")
                    if publicIP != nil { groups.publicInstances[id, default: []].append("\(node.id) (\(publicIP!))") }
                }
            }
        }
        return groups
    }
}

/// The public address of an instance: `PublicIpAddress`, or any interface's association.
package enum PublicAddress {
    package static func of(_ instance: JSONValue) -> String? {
        if let ip = instance["PublicIpAddress"]?.string, !ip.isEmpty { return ip }
        for interface in instance["NetworkInterfaces"]?.array ?? [] {
            if let ip = interface[path: "Association.PublicIp"]?.string, !ip.isEmpty { return ip }
        }
        return nil
    }
}
