@testable import EKSGuardCore
import Testing

@Suite struct GlobTests {
    @Test(arguments: [
        ("EKS-POD-*", "EKS-POD-007", true), ("PSS:*", "PSS:privileged", true), ("eks-pod-007", "EKS-POD-007", true),
        ("CIS-EKS-1.8.0:4.2.*", "CIS-EKS-1.8.0:4.2.1", true), ("EKS-POD-00?", "EKS-POD-010", false), ("*", "", true),
        ("a*b*c", "aXXbYYc", true), ("a*b*c", "aXXbYY", false),
    ])
    func matches(_ pattern: String, _ text: String, _ expected: Bool) {
        #expect(Glob(pattern).matches(text) == expected)
    }

    @Test func hostilePatternIsFast() {
        let pattern = Glob(String(repeating: "*a", count: 200) + "b")
        #expect(!pattern.matches(String(repeating: "a", count: 5000)))
    }
}

@Suite struct SelectionTests {
    let meta = CheckMetadata(id: "EKS-POD-007", title: "t", practice: .podSecurity, severity: .critical, rationale: "r.",
                             remediation: "f.", references: ["PSS:privileged", "CIS-EKS-1.8.0:4.2.1"], passing: [], failing: [])

    @Test func selectAndSkipByIDAndReference() {
        #expect(Selection().includes(meta))
        #expect(Selection(select: ["PSS:*"]).includes(meta))
        #expect(Selection(select: ["EKS-IMG-*,CIS-EKS-1.8.0:4.2.1"]).includes(meta))
        #expect(!Selection(select: ["EKS-IMG-*"]).includes(meta))
        #expect(!Selection(skip: ["PSS:privileged"]).includes(meta))
        #expect(Selection(select: ["nope-*"]).unmatchedPatterns(in: [meta]) == ["nope-*"])
    }
}

@Suite struct ExitStatusTests {
    func result(_ status: CheckStatus, _ severity: Severity) -> CheckResult {
        CheckResult(checkID: "X-1", title: "t", practice: .podSecurity, severity: severity, status: status, message: "m",
                    resource: ResourceRef(), references: [], remediation: "r")
    }

    @Test func codesFollowTheContract() {
        #expect(ExitStatus(results: [result(.pass, .high)], failOn: .severity(.low)) == .clean)
        #expect(ExitStatus(results: [result(.fail, .low)], failOn: .severity(.low)) == .failed)
        #expect(ExitStatus(results: [result(.fail, .low)], failOn: .severity(.high)) == .clean)
        #expect(ExitStatus(results: [result(.fail, .info)], failOn: .severity(.low)) == .clean)
        #expect(ExitStatus(results: [result(.fail, .low), result(.error, .high)], failOn: .severity(.high)) == .incomplete)
        #expect(ExitStatus(results: [result(.fail, .critical)], failOn: .none) == .clean)
        #expect(ExitStatus(results: [result(.waived, .critical)], failOn: .severity(.low)) == .clean)
    }
}

@Suite struct ConfigurationTests {
    func node(_ entries: [(String, SourceNode)], line: Int = 1) -> SourceNode {
        SourceNode(.mapping(entries.enumerated().map { SourceEntry(key: $1.0, keyPosition: SourcePosition(line: line + $0, column: 1), value: $1.1) }),
                   at: SourcePosition(line: line, column: 1))
    }
    func scalar(_ text: String, line: Int = 1) -> SourceNode {
        SourceNode(.scalar(SourceScalar(text: text, isPlain: true)), at: SourcePosition(line: line, column: 3))
    }

    @Test func waiverWithoutExpiresNamesTheLine() {
        let waiver = node([("check", scalar("EKS-POD-007")), ("reason", scalar("x")), ("owner", scalar("me"))], line: 7)
        let document = node([("waivers", SourceNode(.sequence([waiver]), at: SourcePosition(line: 6, column: 1)))])
        #expect(throws: ConfigError(file: "c.yaml", line: 7, "waiver is missing \"expires\"; every waiver needs check, reason, owner and expires")) {
            try Configuration(document: document, file: "c.yaml")
        }
    }

    @Test func unknownKeyIsRejected() {
        #expect(throws: ConfigError.self) { try Configuration(document: node([("disabled", scalar("x"))]), file: "c.yaml") }
    }

    @Test func fullConfiguration() throws {
        let waiver = node([("check", scalar("EKS-POD-007")), ("resource", scalar("DaemonSet/kube-system/*")), ("reason", scalar("cni")),
                           ("owner", scalar("ops")), ("expires", scalar("2027-01-31"))], line: 5)
        let config = try Configuration(document: node([
            ("disable", SourceNode(.sequence([scalar("EKS-POD-013")]), at: SourcePosition(line: 1, column: 1))),
            ("severity", node([("EKS-POD-016", scalar("medium"))])),
            ("waivers", SourceNode(.sequence([waiver]), at: SourcePosition(line: 4, column: 1))),
        ]), file: "c.yaml")
        #expect(config.severityOverrides["EKS-POD-016"] == .medium)
        #expect(config.waivers.first?.covers(checkID: "EKS-POD-007", resource: ResourceRef(kind: "DaemonSet", namespace: "kube-system", name: "aws-node", container: "cni")) == true)
        #expect(config.waivers.first?.isExpired(today: "2027-02-01") == true)
        #expect(config.waivers.first?.isExpired(today: "2027-01-31") == false)
    }
}

@Suite struct CatalogLookupTests {
    @Test func suggestsNearestIDs() {
        let meta = { (id: String) in CheckMetadata(id: id, title: "t", practice: .podSecurity, severity: .low, rationale: "r.", remediation: "f.", references: [], passing: [], failing: []) }
        let catalog = Catalog([meta("EKS-POD-007"), meta("EKS-IMG-008"), meta("EKS-POD-017")])
        #expect(catalog.suggestions(for: "EKS-POD-07").first == "EKS-POD-007")
        #expect(catalog.metadata(for: "eks-pod-007")?.id == "EKS-POD-007")
    }
}

@Suite struct ReportOrderTests {
    func result(_ id: String, _ practice: Practice, file: String?, line: Int?, name: String, message: String = "m") -> CheckResult {
        CheckResult(checkID: id, title: "t", practice: practice, severity: .low, status: .fail, message: message,
                    resource: ResourceRef(kind: "Pod", namespace: "a", name: name, file: file, line: line, column: 1),
                    references: [], remediation: "r")
    }

    @Test func practiceThenCheckThenFileThenPositionThenName() {
        let expected = [
            result("EKS-IMG-008", .imageScanning, file: "z.yaml", line: 9, name: "p"),
            result("EKS-POD-004", .podSecurity, file: nil, line: nil, name: "p"),
            result("EKS-POD-004", .podSecurity, file: "a.yaml", line: 2, name: "p"),
            result("EKS-POD-004", .podSecurity, file: "a.yaml", line: 10, name: "p"),
            result("EKS-POD-004", .podSecurity, file: "b.yaml", line: 1, name: "a"),
            result("EKS-POD-004", .podSecurity, file: "b.yaml", line: 1, name: "b"),
            result("EKS-POD-004", .podSecurity, file: "b.yaml", line: 1, name: "b", message: "n"),
            result("EKS-POD-007", .podSecurity, file: "a.yaml", line: 1, name: "p"),
        ]
        var shuffled = Array(expected.reversed())
        shuffled.swapAt(0, 3)
        shuffled.sortForReport()
        #expect(shuffled == expected)
    }

    @Test func oneFilePerPartGivesTheSameOrder() {
        let expected = [
            result("EKS-IMG-008", .imageScanning, file: "z.yaml", line: 9, name: "p"),
            result("EKS-POD-004", .podSecurity, file: nil, line: nil, name: "p"),
            result("EKS-POD-004", .podSecurity, file: "a.yaml", line: 2, name: "p"),
            result("EKS-POD-004", .podSecurity, file: "a.yaml", line: 10, name: "p"),
            result("EKS-POD-004", .podSecurity, file: "b.yaml", line: 1, name: "a"),
            result("EKS-POD-004", .podSecurity, file: "b.yaml", line: 1, name: "b", message: "n"),
            result("EKS-POD-007", .podSecurity, file: "a.yaml", line: 1, name: "p"),
            result("EKS-POD-007", .podSecurity, file: "b.yaml", line: 3, name: "p"),
        ]
        // Parts by file, in no particular order, each shuffled inside.
        let byFile = Dictionary(grouping: expected) { $0.resource.file ?? "" }
        let parts = ["b.yaml", "", "z.yaml", "a.yaml"].map { Array(byFile[$0]!.reversed()) } + [[]]
        #expect([CheckResult].inReportOrder(oneFilePerPart: parts) == expected)
        // A part that mixes files falls back to the general merge.
        #expect([CheckResult].inReportOrder(oneFilePerPart: [Array(expected.reversed())]) == expected)
    }
}
