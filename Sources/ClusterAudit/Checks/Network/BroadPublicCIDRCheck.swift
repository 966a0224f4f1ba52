import ClusterSnapshot
import EKSGuardCore

/// EKS-NET-004: public endpoint allow-lists with over-broad prefixes.
package struct BroadPublicCIDRCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-NET-004",
        title: "Public endpoint CIDRs are narrow",
        practice: .privateNetworking,
        severity: .medium,
        rationale: """
            A `publicAccessCidrs` entry such as `0.0.0.0/1` or `10.0.0.0/8`-sized public ranges is an allow-list in \
            name only. Entries with an IPv4 prefix shorter than `public-cidr-min-ipv4-prefix` (default 16) or an \
            IPv6 prefix shorter than `public-cidr-min-ipv6-prefix` (default 48) fail. An entry that is not a CIDR is \
            an error.
            """,
        remediation: """
            aws eks update-cluster-config --name CLUSTER --resources-vpc-config publicAccessCidrs=OFFICE/32,VPN/28 \
            listing only the egress addresses of admins and CI.
            """,
        references: ["CIS-EKS-1.8.0:5.4.1", "CIS-EKS-1.7.0:5.4.1", "CIS-EKS-1.5.0:5.4.1", "CIS-EKS-1.2.0:5.4.1"],
        passing: [
            .cluster(#"{"cluster": {"name": "p", "resourcesVpcConfig": {"endpointPublicAccess": true, "endpointPrivateAccess": true, "publicAccessCidrs": ["203.0.113.0/24", "2001:db8:1::/56"]}}}"#),
            .cluster(#"{"cluster": {"name": "p", "resourcesVpcConfig": {"endpointPublicAccess": false, "endpointPrivateAccess": true}}}"#),
        ],
        failing: [
            .cluster(#"{"cluster": {"name": "p", "resourcesVpcConfig": {"endpointPublicAccess": true, "endpointPrivateAccess": true, "publicAccessCidrs": ["0.0.0.0/1", "128.0.0.0/1", "2001:db8::/32"]}}}"#,
                     expect: ["cluster.resourcesVpcConfig.publicAccessCidrs"]),
            .cluster(#"{"cluster": {"name": "p", "resourcesVpcConfig": {"endpointPublicAccess": true, "endpointPrivateAccess": true, "publicAccessCidrs": ["10.1.0.0/20"]}}}"#,
                     options: ["public-cidr-min-ipv4-prefix": "24"]),
            .cluster(#"{"cluster": {"name": "p", "resourcesVpcConfig": {"endpointPublicAccess": true, "endpointPrivateAccess": true, "publicAccessCidrs": ["office"]}}}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let access = facts.endpointAccess(into: &findings) else { return findings }
        let ref = facts.resource.at("cluster.resourcesVpcConfig.publicAccessCidrs", nil)
        guard access.publicAccess else { return [.pass("no public endpoint, no public CIDRs (\(access.evidence))", at: ref)] }
        let minimum4 = context.integer("public-cidr-min-ipv4-prefix", default: 16)
        let minimum6 = context.integer("public-cidr-min-ipv6-prefix", default: 48)
        var broad: [String] = []
        for cidr in access.publicCIDRs {
            guard let (address, length) = CIDR.split(cidr) else {
                findings.append(.error("publicAccessCidrs entry \(cidr) is not a CIDR", at: ref))
                continue
            }
            let ipv6 = address.contains(":")
            if length < (ipv6 ? minimum6 : minimum4) { broad.append(cidr) }
        }
        if !broad.isEmpty {
            findings.append(.fail("over-broad public CIDRs \(broad.joined(separator: ", ")) (minimum /\(minimum4) IPv4, /\(minimum6) IPv6)", at: ref))
        } else if findings.isEmpty {
            findings.append(.pass("every public CIDR is /\(minimum4) or narrower (IPv6 /\(minimum6)): \(access.publicCIDRs.joined(separator: ", "))", at: ref))
        }
        return findings
    }
}
