/// Wrappers that run another command (`sudo apt-get …`): their options, so the wrapped program is
/// found after them.
struct CommandWrapper {
    /// Short options that take the next word as their value when they end a cluster (`-u root`).
    let shortWithValue: Set<Character>
    /// Long options that take the next word when written without `=` (`--user root`).
    let longWithValue: Set<String>
    /// Options meaning "do not run a command" (`command -v x` only looks `x` up).
    let stopOptions: Set<String>
    /// Words that are not options but still precede the command (`timeout 10 cmd`: one).
    let leadingOperands: Int
    /// `env A=b cmd`, `sudo A=b cmd`.
    let acceptsAssignments: Bool

    init(short: String = "", long: Set<String> = [], stop: Set<String> = [], operands: Int = 0, assignments: Bool = false) {
        shortWithValue = Set(short)
        longWithValue = long
        stopOptions = stop
        leadingOperands = operands
        acceptsAssignments = assignments
    }

    static let known: [String: CommandWrapper] = [
        "env": CommandWrapper(short: "uCS", long: ["--unset", "--chdir", "--split-string"], assignments: true),
        "sudo": CommandWrapper(
            short: "ugChpDrtUTR",
            long: ["--user", "--group", "--chdir", "--host", "--prompt", "--role", "--type", "--other-user",
                   "--command-timeout", "--close-from", "--chroot"],
            assignments: true),
        "xargs": CommandWrapper(
            short: "adEILnPs",
            long: ["--arg-file", "--delimiter", "--max-args", "--max-procs", "--max-chars", "--max-lines", "--process-slot-var"]),
        "nice": CommandWrapper(short: "n", long: ["--adjustment"]),
        "time": CommandWrapper(short: "fo", long: ["--format", "--output"]),
        "exec": CommandWrapper(short: "a"),
        "command": CommandWrapper(stop: ["-v", "-V"]),
        "nohup": CommandWrapper(),
        "timeout": CommandWrapper(short: "sk", long: ["--signal", "--kill-after"], operands: 1),
        "stdbuf": CommandWrapper(short: "ioe", long: ["--input", "--output", "--error"]),
        // `gosu user cmd` and `su-exec user cmd`: common in entrypoints to drop root.
        "gosu": CommandWrapper(operands: 1),
        "su-exec": CommandWrapper(operands: 1),
    ]

    /// Finds the program among a simple command's words: skips leading assignments and wrappers with
    /// their options. A wrapper with nothing after it is itself the program (`sudo -v`).
    static func resolve(_ words: [ShellWord]) -> (nameIndex: Int?, wrappers: [String], assignments: [ShellWord]) {
        var index = 0
        var wrappers: [String] = []
        var assignments: [ShellWord] = []
        while index < words.count, words[index].isAssignment {
            assignments.append(words[index])
            index += 1
        }
        while index < words.count {
            let name = baseName(words[index].value)
            guard let wrapper = known[name] else { break }
            let wrapperIndex = index
            index += 1
            var operands = wrapper.leadingOperands
            var stopped = false
            while index < words.count {
                let word = words[index]
                let value = word.value
                if value == "--" {
                    index += 1
                    break
                }
                if wrapper.acceptsAssignments, word.isAssignment {
                    assignments.append(word)
                    index += 1
                    continue
                }
                if wrapper.stopOptions.contains(value) {
                    stopped = true
                    break
                }
                if value.hasPrefix("--"), value.count > 2 {
                    index += !value.contains("=") && wrapper.longWithValue.contains(value) ? 2 : 1
                    continue
                }
                if value.hasPrefix("-"), value.count > 1 {
                    // `-u root` takes a value; `-uroot` carries it; `-Eu root` is a cluster ending in `u`.
                    let letters = value.dropFirst()
                    var takesNext = false
                    for (offset, letter) in letters.enumerated() where wrapper.shortWithValue.contains(letter) {
                        takesNext = offset == letters.count - 1
                        break
                    }
                    index += takesNext ? 2 : 1
                    continue
                }
                if name == "env", value == "-" {
                    index += 1
                    continue
                }
                if operands > 0 {
                    operands -= 1
                    index += 1
                    continue
                }
                break
            }
            if stopped || index >= words.count {
                return (wrapperIndex, wrappers, assignments)
            }
            wrappers.append(name)
        }
        return (index < words.count ? index : nil, wrappers, assignments)
    }

    static func baseName(_ path: String) -> String {
        let utf8 = path.utf8
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[utf8.index(after: slash)...])
    }
}

/// Shells whose `-c` argument or heredoc stdin is itself a script.
enum ShellInvocation {
    static let shells: Set<String> = ["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"]

    /// The script string of `sh -c '…'` (also `bash -ec "…"`, `sh -o pipefail -c "…"`), if any.
    static func commandString(of command: Command) -> ShellWord? {
        guard let base = command.baseName, shells.contains(base) else { return nil }
        let arguments = command.arguments
        var index = 0
        var hasC = false
        while index < arguments.count {
            let value = arguments[index].value
            if value == "--" {
                index += 1
                break
            }
            if value.hasPrefix("--") {
                index += 1
                continue
            }
            if (value.hasPrefix("-") || value.hasPrefix("+")), value.count > 1 {
                let letters = value.dropFirst()
                if letters.contains("c") { hasC = true }
                // `-o pipefail`, `-O extglob`: the option name is the next word.
                index += letters.contains("o") || letters.contains("O") ? 2 : 1
                continue
            }
            break
        }
        return hasC && index < arguments.count ? arguments[index] : nil
    }

    /// True for a shell reading its script from stdin (`bash <<EOF`, `sh -s`), not from `-c` or a file.
    static func readsStdin(_ command: Command) -> Bool {
        guard let base = command.baseName, shells.contains(base), commandString(of: command) == nil else { return false }
        return command.positionalArguments(valueFlags: ["-o", "+o", "-O", "+O"]).isEmpty
    }
}
