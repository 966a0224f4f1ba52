import ClusterSnapshot
import EKSGuardCore

/// What a node pool boots: the OS family (when EKS or the AMI name says it) and the AMI when a
/// launch template names one.
package struct NodeAMI: Sendable {
    package var family: NodeOSFamily?
    package var imageID: String?
    /// `ec2:DescribeImages` item, when an AMI ID was resolved.
    package var image: JSONValue?
    /// The values read: "amiType AL2_x86_64" or "launch template lt-1 → ami-1 amazon-eks-node-1.29-v2024…".
    package var evidence: String
}

extension AWSFacts {
    /// The AMI of a pool. `amiType: CUSTOM` (and every self-managed group) hides the OS: the
    /// launch template's `ImageId` is described to read the AMI name.
    package func ami(of pool: NodePool) -> Fetched<NodeAMI> {
        if pool.kind == .managed {
            guard let amiType = pool.object["amiType"]?.string else {
                return .failure(DataGap("\(pool.label): DescribeNodegroup answered without amiType"))
            }
            switch NodeOSFamily.of(amiType: amiType) {
            case .failure(let gap): return .failure(gap)
            case .success(let family?):
                let release = pool.object["releaseVersion"]?.string.map { ", releaseVersion \($0)" } ?? ""
                return .success(NodeAMI(family: family, imageID: nil, image: nil, evidence: "amiType \(amiType)\(release)"))
            case .success(nil): break
            }
        }
        return launchTemplateData(of: pool).flatMap { resolved in
            guard let resolved else {
                return .failure(DataGap("\(pool.label) has \(pool.kind == .managed ? "amiType CUSTOM" : "an AMI") but no launch template to resolve it"))
            }
            guard let imageID = resolved.data["ImageId"]?.string else {
                return .failure(DataGap("\(resolved.ref) sets no ImageId"))
            }
            if imageID.hasPrefix("resolve:ssm:") {
                let parameter = String(imageID.dropFirst("resolve:ssm:".count))
                return .success(NodeAMI(
                    family: Self.family(ofParameter: parameter), imageID: nil, image: nil,
                    evidence: "\(resolved.ref) → ImageId from SSM parameter \(parameter)"))
            }
            return image(imageID).map { image in
                let name = image["Name"]?.string ?? "(no name)"
                return NodeAMI(
                    family: NodeOSFamily.of(imageName: name), imageID: imageID, image: image,
                    evidence: "\(resolved.ref) → \(imageID) \"\(name)\" owner \(image["OwnerId"]?.string ?? "?")")
            }
        }
    }

    /// The OS family of a public AMI parameter a launch template resolves at launch.
    private static func family(ofParameter path: String) -> NodeOSFamily? {
        if path.contains("/amazon-linux-2023/") { return .al2023 }
        if path.hasPrefix("/aws/service/bottlerocket/") { return .bottlerocket }
        if path.contains("/optimized-ami/"), path.contains("/amazon-linux-2/") || path.contains("/amazon-linux-2-") { return .al2 }
        if path.contains("/ami-windows-latest/") { return .windows }
        return nil
    }
}

extension ClusterFacts {
    /// The readable node pools with their AMIs; pools whose AMI cannot be resolved become error findings.
    package func poolAMIs(into findings: inout [Finding]) -> [(pool: NodePool, ami: NodeAMI)]? {
        guard let pools = readablePools(into: &findings), let aws else { return nil }
        return pools.compactMap { pool in
            aws.ami(of: pool).value(orReportAt: pool.ref.at("launchTemplate", nil), into: &findings).map { (pool, $0) }
        }
    }
}
