import EKSGuardCore

/// A check over the whole cluster: AWS snapshot plus Kubernetes objects. It reports one finding
/// per resource it judged, passes included, so every verdict names its resource and evidence.
package protocol ClusterCheck: Check where Subject == ClusterFacts, Context == AuditContext {
    init()
}

extension Finding {
    /// A pass that says what was seen (`audit` lists evidence for passes too).
    package static func pass(_ evidence: String, at resource: ResourceRef) -> Finding {
        Finding(status: .pass, message: evidence, resource: resource)
    }

    /// The error for data a check could not read.
    package static func gap(_ gap: DataGap, at resource: ResourceRef) -> Finding {
        .error(gap.reason, at: resource)
    }
}

extension Result where Failure == DataGap {
    /// The value, or nil after appending an error finding for the gap to `findings`.
    package func value(orReportAt resource: ResourceRef, into findings: inout [Finding]) -> Success? {
        switch self {
        case .success(let value): return value
        case .failure(let gap):
            findings.append(.gap(gap, at: resource))
            return nil
        }
    }
}
