/// How much a failed check matters, from the catalog's rubric (docs/check-catalog.md §0.3).
public enum Severity: String, CaseIterable, Codable, Sendable, Comparable {
    case info, low, medium, high, critical

    private var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The `--fail-on` threshold: a severity, or `none` to never fail on findings.
public enum FailThreshold: Sendable, Equatable {
    case severity(Severity)
    case none

    public init?(_ text: String) {
        if text.lowercased() == "none" {
            self = .none
        } else if let severity = Severity(rawValue: text.lowercased()) {
            self = .severity(severity)
        } else {
            return nil
        }
    }

    public func trips(_ severity: Severity) -> Bool {
        switch self {
        case .none: false
        case .severity(let threshold): severity >= threshold
        }
    }
}
