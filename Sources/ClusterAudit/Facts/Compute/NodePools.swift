import ClusterSnapshot
import EKSGuardCore
import Foundation

/// A set of EC2 nodes of the cluster: a managed node group, or a self-managed Auto Scaling group
/// (tagged `kubernetes.io/cluster/NAME` and owned by no node group).
package struct NodePool: Sendable {
    package enum Kind: Sendable { case managed, selfManaged }

    package var kind: Kind
    package var name: String
    package var ref: ResourceRef
    /// The described node group, or the Auto Scaling group.
    package var object: JSONValue
    package var launchTemplate: LaunchTemplateRef?
    package var subnets: [String]

    /// `nodegroup ng-1` / `self-managed group asg-1`, for messages.
    package var label: String { kind == .managed ? "node group \(name)" : "self-managed group \(name)" }
}

extension AWSFacts {
    /// Managed node groups, then self-managed Auto Scaling groups. Each entry is the pool, or the
    /// resource it could not be read for (a failed DescribeNodegroup, a missing Auto Scaling call).
    package var nodePools: Fetched<[(ref: ResourceRef, pool: Fetched<NodePool>)]> {
        nodegroups.map { children in
            var entries: [(ref: ResourceRef, pool: Fetched<NodePool>)] = []
            var managedGroups: Set<String> = []
            for child in children {
                let ref = nodegroupRef(child)
                entries.append((ref, child.value.map { nodegroup in
                    for group in nodegroup[path: "resources.autoScalingGroups"]?.array ?? [] {
                        if let name = group["name"]?.string { managedGroups.insert(name) }
                    }
                    return NodePool(
                        kind: .managed, name: child.name, ref: ref, object: nodegroup,
                        launchTemplate: LaunchTemplateRef(nodegroup["launchTemplate"]),
                        subnets: nodegroup["subnets"]?.array?.compactMap(\.string) ?? [])
                }))
            }
            let tag = "kubernetes.io/cluster/\(clusterName)"
            switch autoScalingGroups {
            case .failure(let gap):
                entries.append((ResourceRef(kind: "AutoScalingGroup", name: "(self-managed groups)"), .failure(gap)))
            case .success(let groups):
                for group in groups {
                    guard let name = group["AutoScalingGroupName"]?.string, Self.tag(tag, of: group) != nil,
                          Self.tag("eks:nodegroup-name", of: group) == nil, !managedGroups.contains(name)
                    else { continue }
                    let ref = ResourceRef(kind: "AutoScalingGroup", name: name, arn: group["AutoScalingGroupARN"]?.string)
                    let template = LaunchTemplateRef(group["LaunchTemplate"])
                        ?? LaunchTemplateRef(group[path: "MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification"])
                    let subnets = (group["VPCZoneIdentifier"]?.string ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    entries.append((ref, .success(NodePool(
                        kind: .selfManaged, name: name, ref: ref, object: group, launchTemplate: template, subnets: subnets))))
                }
            }
            return entries
        }
    }

    /// The launch template data of a pool: nil when it has no launch template (EKS defaults).
    package func launchTemplateData(of pool: NodePool) -> Fetched<(ref: LaunchTemplateRef, data: JSONValue)?> {
        guard let ref = pool.launchTemplate else {
            if pool.kind == .selfManaged, let config = pool.object["LaunchConfigurationName"]?.string {
                return .failure(DataGap("\(pool.label) uses launch configuration \(config), which eksguard does not read (migrate to a launch template)"))
            }
            return .success(nil)
        }
        return launchTemplateVersion(ref).map { version -> (ref: LaunchTemplateRef, data: JSONValue)? in
            (ref, version["LaunchTemplateData"] ?? .object([:]))
        }
    }
}

extension ClusterFacts {
    /// Why node checks do not apply when the cluster has no EC2 node pools: Fargate or Auto Mode
    /// runs the nodes (N/A, never pass). Nil when there is nothing serverless either.
    package func serverlessComputeNote() -> String? {
        guard let aws else { return nil }
        var parts: [String] = []
        if (try? aws.cluster.get())?[path: "computeConfig.enabled"]?.bool == true { parts.append("EKS Auto Mode manages the nodes") }
        if let profiles = try? aws.fargateProfiles.get(), !profiles.isEmpty {
            parts.append("pods run on Fargate (\(profiles.map(\.name).joined(separator: ", ")))")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// The node pools, or the single finding that there is nothing to judge (N/A with the
    /// serverless reason, or N/A "no node groups").
    package func nodePoolsOrNote(into findings: inout [Finding]) -> [(ref: ResourceRef, pool: Fetched<NodePool>)]? {
        guard let aws = requireAWS.value(orReportAt: resource, into: &findings),
              let pools = aws.nodePools.value(orReportAt: resource.at("nodegroups", nil), into: &findings)
        else { return nil }
        if pools.isEmpty {
            let note = serverlessComputeNote().map { "no EC2 node pools: \($0); node checks do not apply" }
                ?? "the cluster has no node groups and no self-managed node groups"
            findings.append(.notApplicable(note, at: resource))
            return nil
        }
        return pools
    }
}

extension ClusterFacts {
    /// The node pools that could be read; the others become error findings. Nil after the single
    /// not-applicable or error finding when there is nothing to judge.
    package func readablePools(into findings: inout [Finding]) -> [NodePool]? {
        guard let pools = nodePoolsOrNote(into: &findings) else { return nil }
        return pools.compactMap { $0.pool.value(orReportAt: $0.ref, into: &findings) }
    }
}
