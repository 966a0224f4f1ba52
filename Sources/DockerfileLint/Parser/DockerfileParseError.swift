/// Why a Dockerfile could not be parsed, and on which line.
///
/// A parse error is not a finding: the scan reports it as an `error` result naming the file and line,
/// so an unreadable Dockerfile is never mistaken for a clean one.
package struct DockerfileParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, for callers and tests that branch on it rather than on the message.
    package enum Kind: String, Sendable, Equatable {
        case tooLarge
        case binaryContent
        case noInstructions
        case invalidDirective
        case unknownInstruction
        case invalidArguments
        case unterminatedHeredoc
        case instructionTooLong
        case nestingTooDeep
    }

    package var kind: Kind
    /// 1-based line the problem starts on (0 when it concerns the whole file).
    package var line: Int
    /// A lowercase fragment saying what is wrong (`unknown instruction: RUNN`).
    package var reason: String

    package init(_ kind: Kind, line: Int, _ reason: String) {
        self.kind = kind
        self.line = line
        self.reason = reason
    }

    package var description: String {
        line > 0 ? "line \(line): \(reason)" : reason
    }
}

/// Bounds that keep hostile Dockerfiles from exhausting memory or time.
package struct DockerfileLimits: Sendable {
    /// Largest file accepted, in bytes.
    package var maxFileBytes: Int
    /// Most source lines one instruction may span, counting continuations and heredoc bodies.
    package var maxLinesPerInstruction: Int
    /// Deepest nesting of `$(…)`, quotes and `${…}` inside one shell word, and of `sh -c` inside `sh -c`.
    package var maxShellNesting: Int

    package init(maxFileBytes: Int = 8 << 20, maxLinesPerInstruction: Int = 100_000, maxShellNesting: Int = 64) {
        self.maxFileBytes = maxFileBytes
        self.maxLinesPerInstruction = maxLinesPerInstruction
        self.maxShellNesting = maxShellNesting
    }

    package static let standard = DockerfileLimits()
}
