@testable import NodeBenchmark
import Testing

/// Every operator, with the edge cases kube-bench's string comparisons get wrong.
@Suite struct OperatorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var op: Operator
        var found: String
        var expected: String
        var kind: Setting.Kind
        /// nil: the value cannot be read as its kind (the check is an error, not a pass or fail).
        var holds: Bool?
        var testDescription: String { "\(found) \(op.rawValue) \(expected) (\(kind))" }
    }

    static let cases: [Case] = [
        // eq / noteq: typed, so 0s is 0 and TRUE is true.
        Case(op: .eq, found: "false", expected: "false", kind: .bool, holds: true),
        Case(op: .eq, found: "FALSE", expected: "false", kind: .bool, holds: true),
        Case(op: .eq, found: "0", expected: "false", kind: .bool, holds: true),
        Case(op: .eq, found: "true", expected: "false", kind: .bool, holds: false),
        Case(op: .eq, found: "maybe", expected: "false", kind: .bool, holds: nil),
        Case(op: .eq, found: "0", expected: "0", kind: .integer, holds: true),
        Case(op: .eq, found: "00", expected: "0", kind: .integer, holds: true),
        Case(op: .eq, found: "10255", expected: "0", kind: .integer, holds: false),
        Case(op: .eq, found: "", expected: "0", kind: .integer, holds: nil),
        Case(op: .noteq, found: "0s", expected: "0", kind: .duration, holds: false),
        Case(op: .noteq, found: "0h0m0s", expected: "0", kind: .duration, holds: false),
        Case(op: .noteq, found: "4h0m0s", expected: "0", kind: .duration, holds: true),
        Case(op: .noteq, found: "1.5h", expected: "0", kind: .duration, holds: true),
        Case(op: .noteq, found: "300ms", expected: "0", kind: .duration, holds: true),
        Case(op: .noteq, found: "forever", expected: "0", kind: .duration, holds: nil),
        Case(op: .eq, found: "5m", expected: "300s", kind: .duration, holds: true),
        Case(op: .eq, found: "Webhook", expected: "Webhook", kind: .string, holds: true),
        Case(op: .eq, found: "webhook", expected: "Webhook", kind: .string, holds: false),
        Case(op: .eq, found: "Node, Webhook", expected: "Node,Webhook", kind: .list, holds: true),
        // gt / gte / lt / lte: numbers, negative and fractional included.
        Case(op: .gte, found: "0", expected: "0", kind: .integer, holds: true),
        Case(op: .gte, found: "-1", expected: "0", kind: .integer, holds: false),
        Case(op: .gt, found: "0", expected: "0", kind: .integer, holds: false),
        Case(op: .gt, found: "5", expected: "0", kind: .integer, holds: true),
        Case(op: .lt, found: "5", expected: "10", kind: .integer, holds: true),
        Case(op: .lt, found: "10", expected: "10", kind: .integer, holds: false),
        Case(op: .lte, found: "10", expected: "10", kind: .integer, holds: true),
        Case(op: .lte, found: "2h", expected: "4h", kind: .duration, holds: true),
        Case(op: .gte, found: "fifty", expected: "0", kind: .integer, holds: nil),
        Case(op: .gte, found: "inf", expected: "0", kind: .integer, holds: nil),
        // has / nothave: elements of a list, substrings of a string.
        Case(op: .nothave, found: "Node,Webhook", expected: "AlwaysAllow", kind: .list, holds: true),
        Case(op: .nothave, found: "AlwaysAllow", expected: "AlwaysAllow", kind: .list, holds: false),
        Case(op: .nothave, found: "Webhook,AlwaysAllow", expected: "AlwaysAllow", kind: .list, holds: false),
        Case(op: .has, found: "Node,Webhook", expected: "Web", kind: .list, holds: false),
        Case(op: .has, found: "Node,Webhook", expected: "Webhook", kind: .list, holds: true),
        Case(op: .has, found: "/etc/kubernetes/pki/ca.crt", expected: "pki", kind: .string, holds: true),
        Case(op: .nothave, found: "", expected: "x", kind: .string, holds: true),
        // regex: a match anywhere, invalid patterns are errors.
        Case(op: .regex, found: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", expected: "^TLS_ECDHE_", kind: .string, holds: true),
        Case(op: .regex, found: "TLS_RSA_WITH_AES_128_CBC_SHA", expected: "^TLS_ECDHE_", kind: .string, holds: false),
        Case(op: .regex, found: "x", expected: "(", kind: .string, holds: nil),
        // valid_elements: every element allowed, and at least one present.
        Case(op: .validElements, found: "A,B", expected: "A,B,C", kind: .list, holds: true),
        Case(op: .validElements, found: "A,D", expected: "A,B,C", kind: .list, holds: false),
        Case(op: .validElements, found: "", expected: "A,B,C", kind: .list, holds: false),
        // bitmask: no bit outside the mask, setuid and sticky bits included.
        Case(op: .bitmask, found: "644", expected: "644", kind: .string, holds: true),
        Case(op: .bitmask, found: "600", expected: "644", kind: .string, holds: true),
        Case(op: .bitmask, found: "400", expected: "644", kind: .string, holds: true),
        Case(op: .bitmask, found: "0", expected: "644", kind: .string, holds: true),
        Case(op: .bitmask, found: "664", expected: "644", kind: .string, holds: false),
        Case(op: .bitmask, found: "744", expected: "644", kind: .string, holds: false),
        Case(op: .bitmask, found: "4644", expected: "644", kind: .string, holds: false),
        Case(op: .bitmask, found: "rw-r--r--", expected: "644", kind: .string, holds: nil),
    ]

    @Test(arguments: cases)
    func operatorHolds(_ c: Case) {
        let result = try? c.op.holds(found: c.found, expected: c.expected, kind: c.kind)
        #expect(result == c.holds)
    }

    @Test func everyOperatorIsCovered() {
        #expect(Set(Self.cases.map(\.op)) == Set(Operator.allCases))
    }

    @Test(arguments: [("0", 0.0), ("4h0m0s", 14400), ("1h30m", 5400), ("90s", 90), ("-5s", -5), ("2m30.5s", 150.5)])
    func durationsReadLikeGo(_ text: String, _ seconds: Double) {
        #expect(Operator.duration(text) == seconds)
    }

    @Test(arguments: ["", "5", "5x", "h", "1h-2m"])
    func malformedDurationsAreRejected(_ text: String) {
        #expect(Operator.duration(text) == nil)
    }
}
