/// Everything a report writer needs: the results, their summary, and the run's settings.
public struct Report: Sendable {
    public var toolVersion: String
    public var command: String
    /// Settings worth printing at the top (`pss-level`, `pss-version`), in order.
    public var settings: [(String, String)]
    public var results: [CheckResult]
    /// Descriptions of the checks that ran, for writers that list rules (SARIF, Markdown).
    public var checks: [CheckMetadata]

    public init(toolVersion: String = EKSGuard.version, command: String, settings: [(String, String)] = [],
                results: [CheckResult], checks: [CheckMetadata]) {
        self.toolVersion = toolVersion
        self.command = command
        self.settings = settings
        self.results = results
        self.checks = checks
    }

    public var summary: Summary { Summary(results) }
}

/// Counts of results by status.
public struct Summary: Sendable, Codable, Equatable {
    public var pass = 0
    public var fail = 0
    public var error = 0
    public var notApplicable = 0
    public var waived = 0

    public init(_ results: [CheckResult]) {
        for index in results.indices {
            switch results[index].status {
            case .pass: pass += 1
            case .fail: fail += 1
            case .error: error += 1
            case .notApplicable: notApplicable += 1
            case .waived: waived += 1
            }
        }
    }
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
