import EKSGuardCore

/// What ends a command in a shell script.
package enum Separator: String, Sendable, Hashable {
    case and = "&&"
    case or = "||"
    case semicolon = ";"
    case pipe = "|"
    /// `|&`: stdout and stderr into the next command.
    case pipeWithStderr = "|&"
    case background = "&"
    case newline = "\n"
    /// `;;`, `;&` or `;;&` ending a `case` branch.
    case caseBreak = ";;"
    /// End of the script (or of a subshell/group with nothing after it).
    case end = ""

    /// True for `|` and `|&`.
    package var isPipe: Bool { self == .pipe || self == .pipeWithStderr }
}

/// A redirection operator (`>`, `2>&1`, `<<EOF`, `<<<`).
package enum RedirectOperator: String, Sendable, Hashable {
    case input = "<"
    case output = ">"
    case append = ">>"
    case clobber = ">|"
    case readWrite = "<>"
    case duplicateInput = "<&"
    case duplicateOutput = ">&"
    case outputAndError = "&>"
    case appendOutputAndError = "&>>"
    case heredoc = "<<"
    case heredocStrippingTabs = "<<-"
    case hereString = "<<<"

    /// `<<` and `<<-`.
    package var isHeredoc: Bool { self == .heredoc || self == .heredocStrippingTabs }
}

/// One redirection of a command.
package struct Redirect: Sendable, Hashable {
    package let op: RedirectOperator
    /// The file descriptor written before the operator (`2` in `2>&1`), nil when implicit.
    package let fileDescriptor: Int?
    /// The file, descriptor or heredoc delimiter after the operator; nil when missing.
    package let target: ShellWord?
    /// For `<<EOF`: the heredoc's body when it is known (an inline heredoc in a script, or the
    /// Dockerfile heredoc of a `RUN` line).
    package internal(set) var heredocBody: String?
}

/// One simple command of a shell script: its words, the program it runs after seeing through
/// wrappers, its redirections and how it connects to the next command.
///
/// `name` is found after leading `VAR=value` assignments and the wrappers `env`, `sudo`, `xargs`,
/// `nice`, `time`, `exec`, `command`, `nohup`, `timeout`, `stdbuf`, `gosu`, `su-exec` with their options, so
/// `sudo -E env DEBIAN_FRONTEND=noninteractive apt-get -y install x` is an `apt-get` command whose
/// arguments are `-y install x`.
package struct Command: Sendable {
    /// Every word, assignments and wrappers included, redirections excluded.
    package let words: [ShellWord]
    /// Index in `words` of the program that runs; nil for a bare assignment (`A=b`).
    package let nameIndex: Int?
    /// The wrappers seen through, outermost first (`["sudo", "env"]`).
    package let wrappers: [String]
    /// Leading `NAME=value` words (before the name, including those given to `env` or `sudo`).
    package let assignments: [ShellWord]
    package internal(set) var redirects: [Redirect]
    /// What follows this command.
    package internal(set) var separator: Separator
    /// True when the previous command pipes into this one.
    package internal(set) var isPipedFrom: Bool
    /// Identifier of the pipeline this command belongs to (commands joined by `|` share it).
    package internal(set) var pipeline: Int
    /// 0 for a command of the script itself, 1 for a command inside its `sh -c '…'` or a heredoc
    /// fed to a shell, and so on.
    package let nestingLevel: Int
    let offset: Int
    let locator: SourceLocator

    /// Where the command's first word starts in the Dockerfile.
    package var position: SourcePosition { locator.position(at: offset) }
    /// True for commands found inside `sh -c '…'` (or a heredoc fed to a shell).
    package var isNested: Bool { nestingLevel > 0 }
    /// True when this command's output is piped into the next command (`|` or `|&`).
    package var isPipedToNext: Bool { separator.isPipe }

    /// The word naming the program that runs.
    package var nameWord: ShellWord? { nameIndex.map { words[$0] } }
    /// The program as written (`apt-get`, `/usr/bin/curl`).
    package var name: String? { nameWord?.value }
    /// The program without its directory (`/usr/bin/curl` → `curl`).
    package var baseName: String? { name.map(CommandWrapper.baseName) }

    /// True when the program's base name is `name`. Every rule asks this of every command, so it
    /// compares bytes in place instead of building the base name.
    package func `is`(_ name: String) -> Bool {
        guard let program = nameWord?.value else { return false }
        let path = program.utf8, target = name.utf8
        guard path.count >= target.count, path.suffix(target.count).elementsEqual(target) else { return false }
        guard path.count > target.count else { return true }
        return path[path.index(path.endIndex, offsetBy: -target.count - 1)] == UInt8(ascii: "/")
    }

    /// The words after the program name.
    package var arguments: [ShellWord] { Array(argumentSlice) }

    /// The words after the program name, without copying them.
    private var argumentSlice: ArraySlice<ShellWord> {
        guard let nameIndex else { return [] }
        return words[(nameIndex + 1)...]
    }

    /// The unquoted values of `arguments`.
    package var argumentValues: [String] { arguments.map(\.value) }

    /// Option names used, normalised: combined short options split (`-qy` → `-q`, `-y`), long
    /// options without their value (`--file=x` → `--file`). Stops at `--`.
    package var flags: [String] {
        var result: [String] = []
        for word in arguments {
            let value = word.value
            if value == "--" { break }
            if value.hasPrefix("--") {
                result.append(String(value.prefix { $0 != "=" }))
            } else if value.hasPrefix("-"), value.count > 1 {
                result.append(contentsOf: value.dropFirst().map { "-\($0)" })
            }
        }
        return result
    }

    /// True when the option is used: `hasFlag("-y")` matches `-y` and `-qy`; `hasFlag("--yes")`
    /// matches `--yes` and `--yes=…`; a multi-letter single-dash option (`-qq`, `-name`) matches
    /// only exactly. A name without dashes means the short form for one letter, the long form otherwise.
    package func hasFlag(_ flag: String) -> Bool {
        // Scans the words in place (no `flags` array): rules ask this many times per command.
        let flag = Self.normalise(flag)
        let options = argumentSlice.prefix { $0.value != "--" }
        if flag.hasPrefix("--") {
            let withValue = flag + "="
            return options.contains { $0.value == flag || $0.value.hasPrefix(withValue) }
        }
        guard flag.utf8.count == 2, let letter = flag.utf8.last else { return options.contains { $0.value == flag } }
        return options.contains { word in
            let value = word.value.utf8
            guard value.count > 1, value.first == UInt8(ascii: "-"), value.dropFirst().first != UInt8(ascii: "-") else { return false }
            return value.dropFirst().contains(letter)
        }
    }

    /// True when any of the options is used (see `hasFlag`).
    package func hasAnyFlag(_ flags: some Sequence<String>) -> Bool {
        flags.contains { hasFlag($0) }
    }

    /// The value given to an option: `--name=value`, `--name value` or `-n value`; nil when the
    /// option is absent or has no value.
    package func flagValue(_ flag: String) -> String? {
        let flag = Self.normalise(flag)
        let args = argumentSlice
        for (index, word) in zip(args.indices, args) {
            let value = word.value
            if value == "--" { break }
            if value.hasPrefix(flag + "="), flag.hasPrefix("--") { return String(value.dropFirst(flag.count + 1)) }
            if value == flag { return index + 1 < args.endIndex ? args[index + 1].value : nil }
        }
        return nil
    }

    /// Arguments that are not options. Options listed in `valueFlags` (`["-o", "--target"]`)
    /// consume the following word, which is then not positional either. Everything after `--` is positional.
    package func positionalArguments(valueFlags: Set<String> = []) -> [ShellWord] {
        var result: [ShellWord] = []
        var skipNext = false
        var afterDoubleDash = false
        for word in argumentSlice {
            let value = word.value
            if skipNext {
                skipNext = false
                continue
            }
            if afterDoubleDash || value == "-" || !value.hasPrefix("-") {
                result.append(word)
                continue
            }
            if value == "--" {
                afterDoubleDash = true
                continue
            }
            if value.hasPrefix("--") {
                skipNext = !value.contains("=") && valueFlags.contains(value)
            } else if let last = value.last {
                skipNext = valueFlags.contains(value) || valueFlags.contains("-\(last)")
            }
        }
        return result
    }

    /// True when some argument's value is exactly `value`.
    package func hasArgument(_ value: String) -> Bool {
        argumentSlice.contains { $0.value == value }
    }

    private static func normalise(_ flag: String) -> String {
        if flag.hasPrefix("-") { return flag }
        return flag.count == 1 ? "-\(flag)" : "--\(flag)"
    }
}
