import EKSGuardCore
@testable import Reports
import Testing

@Suite struct ScoreboardTests {
    private func result(_ id: String, _ practice: Practice, _ severity: Severity, _ status: CheckStatus, _ name: String = "r") -> CheckResult {
        CheckResult(checkID: id, title: id, practice: practice, severity: severity, status: status, message: "m",
                    resource: ResourceRef(kind: "Cluster", name: name), references: [], remediation: "fix")
    }

    private func row(_ board: Scoreboard, _ practice: Practice) -> Scoreboard.Row {
        board.rows.first { $0.practice == practice }!
    }

    @Test func everyPracticeHasARowAndUnjudgedOnesShowNoData() {
        let board = Scoreboard([result("A", .nodeOS, .high, .pass)])
        #expect(board.rows.map(\.practice) == Practice.allCases)
        let empty = row(board, .podSecurity)
        #expect(empty.score == nil && empty.scoreText == "no data" && empty.results.total == 0)
        #expect(row(board, .nodeOS).score == 100)
    }

    @Test func aCheckFailsWhenAnyResultFailsAndIsCountedOnce() {
        let board = Scoreboard([
            result("A", .nodeOS, .high, .pass, "1"), result("A", .nodeOS, .high, .fail, "2"),
            result("A", .nodeOS, .high, .error, "3"), result("B", .nodeOS, .high, .pass, "1"),
        ])
        let nodeOS = row(board, .nodeOS)
        #expect(nodeOS.checks.fail == 1 && nodeOS.checks.pass == 1 && nodeOS.checks.total == 2)
        #expect(nodeOS.results.pass == 2 && nodeOS.results.fail == 1 && nodeOS.results.error == 1)
        #expect(nodeOS.score == 50)
    }

    /// Errors are evaluated-but-not-passed: they lower the score, never raise it.
    @Test func errorsCountAgainstTheScore() {
        let board = Scoreboard([result("A", .controlPlaneLogging, .medium, .pass), result("B", .controlPlaneLogging, .medium, .error)])
        let logging = row(board, .controlPlaneLogging)
        #expect(logging.checks.error == 1 && logging.score == 50)
    }

    @Test func notApplicableAndWaivedChecksDoNotCount() {
        let board = Scoreboard([
            result("A", .transitEncryption, .high, .notApplicable), result("B", .transitEncryption, .high, .waived),
            result("C", .transitEncryption, .low, .pass), result("W", .podIdentity, .high, .waived, "1"),
            result("W", .podIdentity, .high, .pass, "2"),
        ])
        #expect(row(board, .transitEncryption).score == 100)
        #expect(row(board, .transitEncryption).checks.notApplicable == 1 && row(board, .transitEncryption).checks.waived == 1)
        // A waived result marks its check waived even when others passed: it would have failed.
        let identity = row(board, .podIdentity)
        #expect(identity.checks.waived == 1 && identity.score == nil && identity.scoreText == "n/a")
    }

    /// Weights double per severity level; the score is rounded down, so it reaches 100 only when
    /// nothing evaluated failed.
    @Test func severityWeightedAndRoundedDown() {
        let board = Scoreboard([
            result("CRIT", .privateNetworking, .critical, .fail), result("HIGH", .privateNetworking, .high, .pass),
            result("MED", .privateNetworking, .medium, .pass),
        ])
        // 12 of 28.
        #expect(row(board, .privateNetworking).score == 42)
        var many = (0..<300).map { result("P\($0)", .nodeAccess, .critical, .pass) }
        many.append(result("F", .nodeAccess, .info, .fail))
        #expect(row(Scoreboard(many), .nodeAccess).score == 99)
    }

    /// A graded check weighs by the highest severity any of its results carries.
    @Test func gradedSeverityRaisesTheWeight() {
        let board = Scoreboard([
            result("G", .podIdentity, .medium, .pass, "1"), result("G", .podIdentity, .critical, .fail, "2"),
            result("L", .podIdentity, .low, .pass),
        ])
        // 2 of 18.
        #expect(row(board, .podIdentity).score == 11)
    }

    @Test func overallSumsWeightsNotPracticeScores() {
        let board = Scoreboard([
            result("A", .nodeOS, .low, .pass),
            result("B", .podSecurity, .critical, .fail), result("C", .podSecurity, .critical, .pass),
        ])
        // (2 + 16) of 34, where averaging the practices would give 75.
        #expect(board.overall.score == 52)
        #expect(board.overall.checks.pass == 2 && board.overall.checks.fail == 1)
        #expect(Scoreboard([]).overall.scoreText == "no data")
    }

    @Test func fixtureScores() {
        let board = Scoreboard(AuditFixture.results)
        #expect(row(board, .nodeOS).score == 0)
        #expect(row(board, .nodeAccess).score == 0 && row(board, .nodeAccess).checks.error == 1)
        #expect(row(board, .controlPlaneLogging).score == 100)
        #expect(row(board, .transitEncryption).scoreText == "n/a")
        #expect(row(board, .cisBenchmark).scoreText == "no data")
        #expect(row(board, .podSecurity).checks.waived == 1)
    }
}
