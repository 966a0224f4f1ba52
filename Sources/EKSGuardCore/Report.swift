/// Everything a report writer needs: the results, their summary, and the run's settings.
public struct Report: Sendable {
    public var toolVersion: String
    public var command: String
    /// Settings worth printing at the top (`pss-level`, `pss-version`), in order.
    public var settings: [(String, String)]
    public var results: [CheckResult]
    /// Descriptions of the checks that ran, for writers that list rules (SARIF, Markdown).
    public var checks: [CheckMetadata]
    /// What the run judged, which decides whether the report opens with a scoreboard.
    public var kind: ReportKind

    public init(toolVersion: String = EKSGuard.version, command: String, settings: [(String, String)] = [],
                results: [CheckResult], checks: [CheckMetadata], kind: ReportKind = .scan) {
        self.toolVersion = toolVersion
        self.command = command
        self.settings = settings
        self.results = results
        self.checks = checks
        self.kind = kind
    }

    public var summary: Summary { Summary(results) }
}

/// A scan judges some inputs against some practices; an audit judges a whole cluster against all ten,
/// so its report scores every practice, including those it had no data for.
public enum ReportKind: Sendable, Equatable {
    case scan
    case audit
}

/// Counts of results by status.
public struct Summary: Sendable, Codable, Equatable {
    public var pass = 0
    public var fail = 0
    public var error = 0
    public var notApplicable = 0
    public var waived = 0

    public init(_ results: [CheckResult]) {
        for index in results.indices { add(results[index].status) }
    }

    /// Counts one more result (or check) with this status.
    public mutating func add(_ status: CheckStatus) {
        switch status {
        case .pass: pass += 1
        case .fail: fail += 1
        case .error: error += 1
        case .notApplicable: notApplicable += 1
        case .waived: waived += 1
        }
    }

    /// How many were counted in all.
    public var total: Int { pass + fail + error + notApplicable + waived }
}

public enum EKSGuard {
    public static let version = "0.1.0"
}

/// The process exit codes of CLI.md.
public enum ExitStatus: Int32, Sendable {
    /// Every check ran and none failed at or above `--fail-on`.
    case clean = 0
    /// At least one check failed at or above `--fail-on`.
    case failed = 1
    /// Usage error, or no input could be read.
    case usage = 2
    /// No failure at or above `--fail-on`, but some checks could not be evaluated.
    case incomplete = 3

    public init(results: [CheckResult], failOn: FailThreshold) {
        // Indices, not elements: iterating would copy every result (and retain its strings).
        if results.indices.contains(where: { results[$0].status == .fail && failOn.trips(results[$0].severity) }) {
            self = .failed
        } else if results.indices.contains(where: { results[$0].status == .error }) {
            self = .incomplete
        } else {
            self = .clean
        }
    }
}
