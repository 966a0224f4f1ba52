import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// The instance metadata service options that decide whether pods can read node credentials.
package struct IMDSSettings: Sendable {
    package var tokens: String
    package var hopLimit: Int
    package var endpoint: String
    /// Where each value came from: "instance", "launch template lt-1", "AMI ImdsSupport v2.0", ...
    package var source: String

    package var evidence: String { "HttpTokens \(tokens), HttpPutResponseHopLimit \(hopLimit), HttpEndpoint \(endpoint) (\(source))" }

    /// A gap for values outside the EC2 enums: never guess what an unknown value allows.
    package func validated() -> Fetched<IMDSSettings> {
        guard ["optional", "required"].contains(tokens) else { return .failure(DataGap("unknown HttpTokens value \(tokens)")) }
        guard ["enabled", "disabled"].contains(endpoint) else { return .failure(DataGap("unknown HttpEndpoint value \(endpoint)")) }
        return .success(self)
    }
}

extension AWSFacts {
    /// The effective options of a running instance (`Instances[].MetadataOptions`).
    package func imds(of node: NodeInstance) -> Fetched<IMDSSettings> {
        guard let options = node.instance["MetadataOptions"], let tokens = options["HttpTokens"]?.string,
              let hops = options["HttpPutResponseHopLimit"]?.number else {
            return .failure(DataGap("instance \(node.id): DescribeInstances answered without MetadataOptions"))
        }
        return IMDSSettings(tokens: tokens, hopLimit: Int(hops), endpoint: options["HttpEndpoint"]?.string ?? "enabled", source: "running instance").validated()
    }

    /// What a pool's next instances get, field by field: the launch template's `MetadataOptions`,
    /// else an AMI with `ImdsSupport: v2.0` (tokens required and hop limit 2), else the account
    /// defaults (`ec2:GetInstanceMetadataDefaults`), else EC2's defaults.
    package func imds(of pool: NodePool) -> Fetched<IMDSSettings> {
        launchTemplateData(of: pool).flatMap { resolved in
            guard let resolved else {
                return .failure(DataGap("\(pool.label) has no running instance and no launch template: EKS's own template settings are not in the snapshot"))
            }
            let options = resolved.data["MetadataOptions"]
            var sources: [String] = []
            var tokens = options?["HttpTokens"]?.string
            var hops = options?["HttpPutResponseHopLimit"]?.number.map { Int($0) }
            var endpoint = options?["HttpEndpoint"]?.string
            if tokens != nil || hops != nil || endpoint != nil { sources.append(resolved.ref.description) }
            if tokens == nil || hops == nil, let imageID = resolved.data["ImageId"]?.string,
               case .success(let image) = self.image(imageID), image["ImdsSupport"]?.string == "v2.0" {
                tokens = tokens ?? "required"
                hops = hops ?? 2
                sources.append("AMI \(imageID) ImdsSupport v2.0")
            }
            if tokens == nil || hops == nil || endpoint == nil {
                switch response("ec2", "GetInstanceMetadataDefaults") {
                case .failure(let gap): return .failure(gap)
                case .success(let answer):
                    let account = answer["AccountLevel"]
                    if let value = account?["HttpTokens"]?.string, tokens == nil { tokens = value; sources.append("account default") }
                    if let value = account?["HttpPutResponseHopLimit"]?.number, hops == nil { hops = Int(value); sources.append("account default") }
                    if let value = account?["HttpEndpoint"]?.string, endpoint == nil { endpoint = value; sources.append("account default") }
                }
            }
            if tokens == nil || hops == nil || endpoint == nil { sources.append("EC2 defaults") }
            return IMDSSettings(
                tokens: tokens ?? "optional", hopLimit: hops ?? 1, endpoint: endpoint ?? "enabled",
                source: uniqueInOrder(sources).joined(separator: ", ")).validated()
        }
    }
}

/// Keeps the first occurrence of each source name, in order.
private func uniqueInOrder(_ items: [String]) -> [String] {
    var seen: Set<String> = []
    return items.filter { seen.insert($0).inserted }
}

extension KubernetesInventory {
    /// NetworkPolicies whose egress rules carve the IMDS address out of what pods may reach
    /// (`ipBlock.except` holding `169.254.169.254/32` or `fd00:ec2::254/128`), as "namespace/name".
    package var imdsBlockingPolicies: [String] {
        guard let policies = try? objects(KubernetesInventory.networkPolicy).get() else { return [] }
        return policies.compactMap { policy in
            let excepts = policy.root["spec"]["egress"].items.flatMap { rule in
                rule["to"].items.flatMap { peer in peer["ipBlock"]["except"].stringList.value?.map(\.0) ?? [] }
            }
            guard excepts.contains(where: { $0 == "169.254.169.254/32" || $0 == "fd00:ec2::254/128" }) else { return nil }
            return "\(policy.namespace ?? "default")/\(policy.name ?? "?")"
        }
    }
}
