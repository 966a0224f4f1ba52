import EKSGuardCore

/// `EXPOSE 80 443/tcp 8000-8010/udp`.
package struct ExposeInstruction: Sendable, Hashable {
    package let ports: [ExposedPort]

    static func parse(_ context: InstructionContext) throws(DockerfileParseError) -> ExposeInstruction {
        let words = Words.whitespaceDelimited(context.bytes, context.argumentsRange)
        guard !words.isEmpty else { throw context.error("EXPOSE requires at least one argument") }
        return ExposeInstruction(ports: words.map { ExposedPort(parsing: $0.text, at: context.position($0.start)) })
    }
}

/// One port or port range of `EXPOSE`.
package struct ExposedPort: Sendable, Hashable {
    /// As written (`8000-8010/udp`, `$PORT`).
    package let text: String
    /// First port; nil when the text is not a number (a `$VARIABLE`) or out of range.
    package let start: Int?
    /// Last port (equal to `start` for a single port).
    package let end: Int?
    /// Lowercased protocol, `tcp` when none is written.
    package let `protocol`: String
    package let position: SourcePosition

    init(parsing text: String, at position: SourcePosition) {
        self.text = text
        self.position = position
        var portText = Substring(text)
        if let slash = text.firstIndex(of: "/") {
            `protocol` = text[text.index(after: slash)...].lowercased()
            portText = text[..<slash]
        } else {
            `protocol` = "tcp"
        }
        let bounds = portText.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let numbers = bounds.map { bound -> Int? in
            guard bound.count <= 5, let value = Int(bound), (0...65535).contains(value) else { return nil }
            return value
        }
        start = numbers.first ?? nil
        end = numbers.count == 2 ? numbers[1] : start
    }
}
