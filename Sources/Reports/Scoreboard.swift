import EKSGuardCore

/// How an audit did, practice by practice: checks and results counted by status, and a score.
///
/// A check counts once per practice with the status of its worst result (see ``checkStatus(_:)``);
/// the score is the severity-weighted share of the evaluated checks that passed. The formula and
/// its reasons are in docs/report.md.
public struct Scoreboard: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var practice: Practice
        /// Checks counted by the status of their worst result.
        public var checks: Summary
        /// Results counted one by one.
        public var results: Summary
        /// 0 to 100, or nil when no check of the practice was evaluated (no data, or only
        /// not-applicable and waived checks): such a practice shows "no data", never 100.
        public var score: Int?
        /// The weights behind `score`: of the evaluated checks, of those that passed.
        public var evaluatedWeight: Int
        public var passedWeight: Int

        /// `75`, `no data` when the report has no result for the practice, `n/a` when it has only
        /// not-applicable and waived ones.
        public var scoreText: String { Scoreboard.scoreText(score, results: results) }
    }

    /// Every practice, 1 to 10, whether or not the report has results for it.
    public var rows: [Row]
    /// All practices together, weighted the same way.
    public var overall: Row.Totals

    public init(_ results: [CheckResult]) {
        let groups = Dictionary(uniqueKeysWithValues: practiceGroups(results).map { ($0.practice, $0.results) })
        rows = Practice.allCases.map { practice in
            let results = groups[practice] ?? []
            var checks = Summary([])
            var evaluated = 0
            var passed = 0
            for check in CheckDigest.of(results) {
                checks.add(check.status)
                let weight = Self.weight(check.severity)
                if check.status == .pass || check.status == .fail || check.status == .error { evaluated += weight }
                if check.status == .pass { passed += weight }
            }
            return Row(practice: practice, checks: checks, results: Summary(results),
                       score: Self.score(passed: passed, of: evaluated), evaluatedWeight: evaluated, passedWeight: passed)
        }
        overall = Row.Totals(rows)
    }

    /// Doubling per level: one failed critical check outweighs a passed high and a passed medium
    /// together, and a report of low-severity checks still scores.
    static func weight(_ severity: Severity) -> Int {
        switch severity {
        case .info: 1
        case .low: 2
        case .medium: 4
        case .high: 8
        case .critical: 16
        }
    }

    static func scoreText(_ score: Int?, results: Summary) -> String {
        if let score { return String(score) }
        return results.total == 0 ? "no data" : "n/a"
    }

    /// Rounded down, so 100 means nothing evaluated failed or errored.
    static func score(passed: Int, of evaluated: Int) -> Int? {
        evaluated == 0 ? nil : passed * 100 / evaluated
    }

    /// A check's status from its results: any failure fails it; otherwise any error leaves it
    /// unevaluated; otherwise a waived result marks it waived (it would have failed); otherwise it
    /// passed if any result passed, and is not applicable when every result was.
    static func checkStatus(_ seen: Set<CheckStatus>) -> CheckStatus {
        for status in [CheckStatus.fail, .error, .waived, .pass] where seen.contains(status) { return status }
        return .notApplicable
    }
}

extension Scoreboard.Row {
    /// Sums over practices: counts added, and the score recomputed from the summed weights (not
    /// averaged over practices, so a practice with two checks does not weigh like one with forty).
    public struct Totals: Sendable, Equatable {
        public var checks = Summary([])
        public var results = Summary([])
        public var score: Int?

        init(_ rows: [Scoreboard.Row]) {
            var evaluated = 0
            var passed = 0
            for row in rows {
                checks.add(row.checks)
                results.add(row.results)
                evaluated += row.evaluatedWeight
                passed += row.passedWeight
            }
            score = Scoreboard.score(passed: passed, of: evaluated)
        }

        public var scoreText: String { Scoreboard.scoreText(score, results: results) }
    }
}

extension Summary {
    mutating func add(_ other: Summary) {
        pass += other.pass
        fail += other.fail
        error += other.error
        notApplicable += other.notApplicable
        waived += other.waived
    }

    /// The count of one status.
    func count(_ status: CheckStatus) -> Int {
        switch status {
        case .pass: pass
        case .fail: fail
        case .error: error
        case .notApplicable: notApplicable
        case .waived: waived
        }
    }
}
