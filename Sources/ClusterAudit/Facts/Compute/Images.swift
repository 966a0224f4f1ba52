import ClusterSnapshot
import EKSGuardCore
import Foundation

/// The OS family of a node AMI, from EKS's `amiType` or the published AMI name patterns.
package enum NodeOSFamily: String, Sendable {
    case al2 = "Amazon Linux 2", al2023 = "Amazon Linux 2023", bottlerocket = "Bottlerocket", windows = "Windows"

    /// The family of a non-CUSTOM `nodegroup.amiType`; nil for `CUSTOM`; a gap for a value this
    /// eksguard does not know (enums grow: never guess).
    package static func of(amiType: String) -> Fetched<NodeOSFamily?> {
        if amiType == "CUSTOM" { return .success(nil) }
        if ["AL2_x86_64", "AL2_x86_64_GPU", "AL2_ARM_64"].contains(amiType) { return .success(.al2) }
        let prefixes: [(String, NodeOSFamily)] = [("AL2023_", .al2023), ("BOTTLEROCKET_", .bottlerocket), ("WINDOWS_", .windows)]
        if let match = prefixes.first(where: { amiType.hasPrefix($0.0) }) { return .success(match.1) }
        return .failure(DataGap("unknown amiType \(amiType): update eksguard or check the node group by hand"))
    }

    /// The family an AMI name says, when it follows an EKS-optimized or Bottlerocket pattern.
    package static func of(imageName name: String) -> NodeOSFamily? {
        if name.hasPrefix("amazon-eks-node-al2023-") { return .al2023 }
        if name.hasPrefix("bottlerocket-aws-k8s-") { return .bottlerocket }
        if name.range(of: #"^amazon-eks-(gpu-|arm64-)?node-1\.\d+-v\d+"#, options: .regularExpression) != nil { return .al2 }
        if name.hasPrefix("Windows_Server-"), name.contains("EKS_Optimized") { return .windows }
        return nil
    }
}

extension AWSFacts {
    /// `ec2:DescribeImages → Images[]` item of one AMI.
    package func image(_ id: String) -> Fetched<JSONValue> {
        collectedItems("ec2", "DescribeImages", "Images").flatMap { images in
            images.first { $0["ImageId"]?.string == id }.map(Fetched.success)
                ?? .failure(DataGap("AMI \(id) is not in the snapshot's ec2:DescribeImages answers (deregistered, or not shared with this account)"))
        }
    }
}

/// The AMI publishers EKS-OS-003 accepts: an account in `allowed-ami-owners`, or Amazon (the `amazon` owner
/// alias of DescribeImages, or `owner: amazon` in a Karpenter selector term).
package func isApprovedAMIOwner(_ owner: String, alias: String? = nil, allowed: Set<String>) -> Bool {
    allowed.contains(owner) || owner == "amazon" || alias == "amazon"
}
