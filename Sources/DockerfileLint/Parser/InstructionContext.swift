import EKSGuardCore

/// What an instruction's typed view is built from: the joined line, where its arguments are, its
/// options and heredocs, and the parser state it depends on (escape character, active `SHELL`).
struct InstructionContext {
    let kind: InstructionKind
    /// The instruction's joined line.
    let bytes: [UInt8]
    /// The arguments after the options, trimmed.
    let argumentsRange: Range<Int>
    let flags: [Flag]
    let form: ArgumentForm
    let heredocs: [Heredoc]
    let locator: SourceLocator
    let escape: Character
    /// Line of the instruction, for errors.
    let line: Int
    let limits: DockerfileLimits
    /// The `SHELL` in effect (`["/bin/sh", "-c"]` by default).
    let shell: [String]

    var argumentText: String { String(decoding: bytes[argumentsRange], as: UTF8.self) }
    var argumentsPosition: SourcePosition { locator.position(at: argumentsRange.lowerBound) }

    func position(_ offset: Int) -> SourcePosition { locator.position(at: offset) }

    func word(_ raw: RawWord) -> ArgumentWord { ArgumentWord(text: raw.text, position: position(raw.start)) }

    func error(_ reason: String) -> DockerfileParseError {
        DockerfileParseError(.invalidArguments, line: line, reason)
    }

    func flag(_ name: String) -> Flag? { flags.first { $0.name == name } }

    /// Removes quotes and escapes as BuildKit's word processing does, leaving `$references` as written.
    func unquote(_ text: String) -> String { Words.unquote(text, escape: escape) }

    /// Parses shell-form text (or an exec-form vector) into commands, mapping nesting errors to
    /// a parse error on this instruction's line.
    func script(for form: ArgumentForm, range: Range<Int>) throws(DockerfileParseError) -> ShellScript {
        do {
            switch form {
            case .exec(let argv):
                return try ShellScript.parse(
                    argv: argv, locator: SourceLocator(fixed: position(range.lowerBound)), maxDepth: limits.maxShellNesting)
            case .shell:
                var scripts = [try ShellScript.parse(bytes, range, locator: locator, heredocs: heredocs, maxDepth: limits.maxShellNesting)]
                // `RUN <<EOF` alone: the heredoc is the script (BuildKit runs it with the shell, or
                // with its `#!` interpreter, which we only read when it is a POSIX shell).
                let words = heredocs.isEmpty ? [] : Words.shellLike(bytes, range)
                if words.count == 1, let heredoc = heredocs.first(where: { $0.marker == words[0].text }) {
                    let body = Array(heredoc.body.utf8)
                    scripts = Self.isShellScript(heredoc.body)
                        ? [try ShellScript.parse(body, 0..<body.count, locator: heredoc.bodyLocator, maxDepth: limits.maxShellNesting)]
                        : []
                }
                return ShellScript.concatenating(scripts)
            }
        } catch {
            throw DockerfileParseError(.nestingTooDeep, line: line, error.reason)
        }
    }

    /// A heredoc body is a shell script unless its `#!` line names another interpreter.
    static func isShellScript(_ body: String) -> Bool {
        guard body.hasPrefix("#!") else { return true }
        let firstLine = body.prefix { $0 != "\n" }.dropFirst(2)
        let parts = firstLine.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard var program = parts.first.map(CommandWrapper.baseName) else { return true }
        if program == "env", parts.count > 1 { program = CommandWrapper.baseName(parts[1]) }
        return ShellInvocation.shells.contains(program)
    }
}
