/// Everything eksguard says about a check: its stable ID, what it is for, how to fix a failure,
/// the same rule's names in standards and peer tools, and examples that double as its tests.
public struct CheckMetadata: Sendable, Identifiable {
    public let id: String
    public let title: String
    public let practice: Practice
    public let severity: Severity
    public let rationale: String
    public let remediation: String
    /// `NAMESPACE:ID` names of the same rule elsewhere (`PSS:privileged`, `CIS-EKS-1.8.0:4.2.1`).
    public let references: [String]
    public let passing: [CheckExample]
    public let failing: [CheckExample]

    public init(
        id: String, title: String, practice: Practice, severity: Severity,
        rationale: String, remediation: String, references: [String],
        passing: [CheckExample], failing: [CheckExample]
    ) {
        self.id = id
        self.title = title
        self.practice = practice
        self.severity = severity
        self.rationale = rationale
        self.remediation = remediation
        self.references = references
        self.passing = passing
        self.failing = failing
    }
}

/// An input in its native form with the verdict the check must reach on it.
public struct CheckExample: Sendable {
    public enum Format: String, Sendable { case yaml, json, dockerfile, text }

    public let format: Format
    public let input: String
    /// Field paths the check must flag (failing examples); empty means "any failure".
    public let expect: [String]
    /// The status a failing example must produce: `fail`, or `error` for unreadable input.
    public let expectedStatus: CheckStatus
    /// Options the example runs with (`pss-version: v1.24`, ...).
    public let options: [String: String]
    public let note: String?
    public let sourceFile: String
    public let sourceLine: Int

    public init(
        format: Format, input: String, expect: [String] = [], expectedStatus: CheckStatus = .fail,
        options: [String: String] = [:], note: String? = nil,
        sourceFile: String = #filePath, sourceLine: Int = #line
    ) {
        self.format = format
        self.input = input
        self.expect = expect
        self.expectedStatus = expectedStatus
        self.options = options
        self.note = note
        self.sourceFile = sourceFile
        self.sourceLine = sourceLine
    }

    public static func yaml(
        _ input: String, expect: [String] = [], status: CheckStatus = .fail,
        options: [String: String] = [:], note: String? = nil,
        file: String = #filePath, line: Int = #line
    ) -> CheckExample {
        CheckExample(
            format: .yaml, input: input, expect: expect, expectedStatus: status, options: options,
            note: note, sourceFile: file, sourceLine: line)
    }
}
