import EKSGuardCore

/// A shell script split into commands, without running a shell: a `RUN` line, a heredoc script, a
/// shell-form `CMD`, or any text given to `parse`.
///
/// `commands` lists every simple command in order, each followed directly by the commands nested
/// in it (`sh -c '…'` bodies, heredocs fed to a shell, command substitutions `$(…)` and backticks,
/// whose text also stays in the words that hold them). `pipelines` groups commands joined by `|`.
package struct ShellScript: Sendable {
    /// The script text.
    package let source: String
    /// Every command in order, nested ones right after the command that runs them.
    package let commands: [Command]
    /// Syntax the shell would likely reject (an unterminated quote, a stray `)`); never fatal.
    package let issues: [String]

    init(source: String, commands: [Command], issues: [String]) {
        self.source = source
        self.commands = commands
        self.issues = issues
    }

    /// An empty script (exec form with no arguments, a Python heredoc).
    package static let empty = ShellScript(source: "", commands: [], issues: [])

    /// Parses a script; positions count from line 1, column 1 of `source` unless a locator is given.
    package static func parse(
        _ source: String, maxDepth: Int = DockerfileLimits.standard.maxShellNesting
    ) throws(ShellParseError) -> ShellScript {
        let bytes = Array(source.utf8)
        return try parse(bytes, 0..<bytes.count, locator: SourceLocator(lines: bytes[...], firstLine: 1), maxDepth: maxDepth)
    }

    static func parse(
        _ bytes: [UInt8], _ range: Range<Int>, locator: SourceLocator, heredocs: [Heredoc] = [], maxDepth: Int
    ) throws(ShellParseError) -> ShellScript {
        var state = ShellParser.State(maxDepth: maxDepth)
        try ShellParser.parse(bytes, range, locator: locator, nesting: 0, heredocs: heredocs, state: &state)
        return ShellScript(source: String(decoding: bytes[range], as: UTF8.self), commands: state.commands, issues: state.issues)
    }

    /// An exec-form argument vector as one command (`["sh", "-c", "…"]` bodies parsed as nested).
    static func parse(argv: [String], locator: SourceLocator, maxDepth: Int) throws(ShellParseError) -> ShellScript {
        var state = ShellParser.State(maxDepth: maxDepth)
        try ShellParser.parse(argv: argv, locator: locator, state: &state)
        return ShellScript(source: argv.joined(separator: " "), commands: state.commands, issues: state.issues)
    }

    /// Several scripts run one after the other (a `RUN` line and the heredoc scripts it runs).
    static func concatenating(_ scripts: [ShellScript]) -> ShellScript {
        guard scripts.count > 1 else { return scripts.first ?? .empty }
        var commands: [Command] = []
        var offset = 0
        for script in scripts {
            let count = (script.commands.map(\.pipeline).max() ?? -1) + 1
            commands.append(contentsOf: script.commands.map { command in
                var command = command
                command.pipeline += offset
                return command
            })
            offset += count
        }
        return ShellScript(
            source: scripts.map(\.source).joined(separator: "\n"), commands: commands, issues: scripts.flatMap(\.issues))
    }

    /// Commands joined by pipes, in order; a command that is not piped forms a pipeline of one.
    package var pipelines: [[Command]] {
        var groups: [[Command]] = []
        var groupOfPipeline: [Int: Int] = [:]
        for command in commands {
            if let group = groupOfPipeline[command.pipeline] {
                groups[group].append(command)
            } else {
                groupOfPipeline[command.pipeline] = groups.count
                groups.append([command])
            }
        }
        return groups
    }

    /// Commands whose program's base name is `name` (`apt-get`, `curl`).
    package func commands(named name: String) -> [Command] {
        commands.filter { $0.baseName == name }
    }

    /// True when any command pipes into another.
    package var hasPipes: Bool { commands.contains { $0.isPipedToNext } }
}
