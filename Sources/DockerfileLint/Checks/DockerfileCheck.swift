import EKSGuardCore

/// One Dockerfile as checks see it: the parsed file and where it came from.
package struct DockerfileSubject: CheckSubject {
    package let file: String
    package let dockerfile: Dockerfile

    package init(file: String, dockerfile: Dockerfile) {
        self.file = file
        self.dockerfile = dockerfile
    }

    package var resource: ResourceRef { ResourceRef(kind: "Dockerfile", file: file, line: 1, column: 1) }

    /// The result location of an instruction (its keyword).
    package func ref(_ instruction: Instruction) -> ResourceRef { ref(instruction.position) }

    package func ref(_ position: SourcePosition) -> ResourceRef {
        ResourceRef(kind: "Dockerfile", file: file, line: position.line, column: position.column)
    }
}

/// What Dockerfile checks read besides the file: hadolint-style configuration.
package struct DockerfileContext: Sendable {
    package var config: HadolintConfig

    package init(config: HadolintConfig = HadolintConfig()) { self.config = config }
}

/// A check over one Dockerfile.
package protocol DockerfileCheck: Check where Subject == DockerfileSubject, Context == DockerfileContext {
    /// False for rules hadolint ships switched off (DL1001, DL3057): they run only when selected
    /// by `--select` or given a severity in `.hadolint.yaml`.
    static var enabledByDefault: Bool { get }
    init()
}

extension DockerfileCheck {
    package static var enabledByDefault: Bool { true }
}

/// Collects one check's findings on a Dockerfile.
package struct DockerfileFindings {
    package let subject: DockerfileSubject
    package private(set) var findings: [Finding] = []

    package init(_ subject: DockerfileSubject) { self.subject = subject }

    package mutating func fail(_ message: String, at instruction: Instruction, severity: Severity? = nil) {
        findings.append(Finding(status: .fail, message: message, resource: subject.ref(instruction), severity: severity))
    }

    package mutating func fail(_ message: String, at position: SourcePosition, severity: Severity? = nil) {
        findings.append(Finding(status: .fail, message: message, resource: subject.ref(position), severity: severity))
    }
}

/// hadolint's four levels and where they sit on our severity scale (and back, for `hadolint-json`).
package enum HadolintLevel: String, Sendable, CaseIterable {
    case error, warning, info, style

    package var severity: Severity {
        switch self {
        case .error: .high
        case .warning: .medium
        case .info: .low
        case .style: .info
        }
    }
}

extension CheckExample {
    /// A Dockerfile example; `lines` are the lines a failing example must be flagged at.
    package static func dockerfile(
        _ text: String, lines: [Int] = [], options: [String: String] = [:], note: String? = nil,
        file: String = #filePath, line: Int = #line
    ) -> CheckExample {
        CheckExample(
            format: .dockerfile, input: text, expect: lines.map(String.init), options: options, note: note,
            sourceFile: file, sourceLine: line)
    }
}
