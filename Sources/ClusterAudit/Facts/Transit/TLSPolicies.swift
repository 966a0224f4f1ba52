/// Elastic Load Balancing security policies that still accept TLS 1.0 or 1.1 (AWS's predefined
/// policy names), which EKS-TRN-008 reports as outdated.
package enum TLSPolicies {
    private static let outdatedMarkers = ["TLS-1-0", "TLS-1-1", "TLS13-1-0", "TLS13-1-1", "-2015-05", "-2016-08", "FS-2018-06", "FS-1-1-2019-08"]

    package static func isOutdated(_ policy: String) -> Bool {
        outdatedMarkers.contains { policy.contains($0) }
    }
}
