import ClusterSnapshot
import EKSGuardCore

/// The API server endpoint settings of `cluster.resourcesVpcConfig`.
package struct EndpointAccess: Sendable {
    package var publicAccess: Bool
    package var privateAccess: Bool
    package var publicCIDRs: [String]

    package static let field = "cluster.resourcesVpcConfig"

    /// A gap when a flag is missing: an absent flag must not read as "off".
    package static func of(_ cluster: JSONValue) -> Fetched<EndpointAccess> {
        let config = cluster["resourcesVpcConfig"]
        guard let publicAccess = config?["endpointPublicAccess"]?.bool, let privateAccess = config?["endpointPrivateAccess"]?.bool else {
            return .failure(DataGap("cluster.resourcesVpcConfig.endpointPublicAccess/endpointPrivateAccess missing from eks:DescribeCluster"))
        }
        let cidrs = config?["publicAccessCidrs"]?.array?.compactMap(\.string)
        if publicAccess, cidrs == nil {
            return .failure(DataGap("cluster.resourcesVpcConfig.publicAccessCidrs missing while the public endpoint is on"))
        }
        return .success(EndpointAccess(publicAccess: publicAccess, privateAccess: privateAccess, publicCIDRs: cidrs ?? []))
    }

    package var evidence: String {
        "endpointPublicAccess \(publicAccess), endpointPrivateAccess \(privateAccess)" + (publicAccess ? ", publicAccessCidrs \(publicCIDRs.joined(separator: ", "))" : "")
    }
}

extension ClusterFacts {
    /// The endpoint settings, or nil after an error finding.
    package func endpointAccess(into findings: inout [Finding]) -> EndpointAccess? {
        let ref = resource.at(EndpointAccess.field, nil)
        guard let cluster = cluster.value(orReportAt: ref, into: &findings) else { return nil }
        return EndpointAccess.of(cluster).value(orReportAt: ref, into: &findings)
    }
}
