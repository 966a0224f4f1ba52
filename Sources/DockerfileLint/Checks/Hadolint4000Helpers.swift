/// Command substitutions (`$(…)`, backquotes): the shell parser keeps them inside the words that
/// hold them, but hadolint (through ShellCheck) sees the commands inside them, so
/// `RUN V=$(curl -s x) && wget y` uses both curl and wget, and `RUN X=$(a | b)` has a pipe.
enum CommandSubstitution {
    /// Deep enough for `$(a $(b $(c)))`; beyond it nothing realistic remains to find.
    static let maxDepth = 4
    /// Substitutions parsed per command at most.
    static let maxBodiesPerCommand = 64

    /// The bodies of the `$(…)` and backquote substitutions in a word as written, outside single
    /// quotes (there they are literal text). Arithmetic `$((…))` is skipped.
    static func bodies(in raw: String) -> [String] {
        let bytes = Array(raw.utf8)
        var bodies: [String] = []
        var index = 0
        var inDouble = false
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"):
                index += 2
            case UInt8(ascii: "'") where !inDouble:
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "'") { index += 1 }
                index += 1
            case UInt8(ascii: "\""):
                inDouble.toggle()
                index += 1
            case UInt8(ascii: "$") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "("):
                if index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "(") {
                    index += 3
                    continue
                }
                let end = closingParenthesis(bytes, from: index + 2)
                bodies.append(String(decoding: bytes[(index + 2)..<end], as: UTF8.self))
                index = end + 1
            case UInt8(ascii: "`"):
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "`") { end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1 }
                end = min(end, bytes.count)
                bodies.append(String(decoding: bytes[(index + 1)..<end], as: UTF8.self))
                index = end + 1
            default:
                index += 1
            }
        }
        return bodies
    }

    /// The offset of the `)` closing a `$(` whose body starts at `start` (quotes and nested
    /// parentheses skipped), or the end of the word when it is unterminated.
    private static func closingParenthesis(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 1
        var index = start
        var quote: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 } else if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") { index += 1 }
            } else if byte == UInt8(ascii: "\\") {
                index += 1
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == UInt8(ascii: "(") {
                depth += 1
            } else if byte == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return index }
            }
            index += 1
        }
        return bytes.count
    }

    /// The commands of every substitution in the command's words (recursively).
    ///
    /// `nested` says whether the caller also looks at `sh -c '…'` bodies: the parser already lists
    /// those commands, so the `-c` string is skipped to report nothing twice. Without them (hadolint's
    /// view) the `-c` string is one word whose double-quoted substitutions ShellCheck still sees.
    static func commands(in command: Command, nested: Bool, depth: Int = 0) -> [Command] {
        guard depth < maxDepth else { return [] }
        let script = nested ? ShellInvocation.commandString(of: command) : nil
        var result: [Command] = []
        // Real commands hold a handful of substitutions; the cap keeps hostile input cheap.
        var budget = maxBodiesPerCommand
        for word in command.words where word.hasSubstitution && word != script {
            for body in bodies(in: word.raw) {
                budget -= 1
                guard budget >= 0 else { return result }
                guard let parsed = try? ShellScript.parse(body) else { continue }
                for inner in parsed.commands where nested || !inner.isNested {
                    result.append(inner)
                    result += commands(in: inner, nested: nested, depth: depth + 1)
                }
            }
        }
        return result
    }
}

extension ShellScript {
    /// Every command the script runs, those inside `sh -c '…'` and inside substitutions included:
    /// eksguard's view (hadolint sees neither `sudo x` nor `sh -c 'x'` as `x`).
    var commandsIncludingSubstitutions: [Command] {
        commands.flatMap { [$0] + CommandSubstitution.commands(in: $0, nested: true) }
    }

    /// The commands hadolint's ShellCheck parse sees: the script's own, and those in substitutions,
    /// but not the bodies of `sh -c '…'` (one string argument to ShellCheck).
    var commandsAsHadolintSees: [Command] {
        commands.filter { !$0.isNested }.flatMap { [$0] + CommandSubstitution.commands(in: $0, nested: false) }
    }
}

extension Dockerfile {
    /// The second and later instructions of this kind within each stage (DL4003 `CMD`, DL4004
    /// `ENTRYPOINT`): only the last one takes effect. `ONBUILD` triggers are not counted, as in hadolint.
    func laterDuplicatesPerStage(_ kind: InstructionKind) -> [Instruction] {
        var seen = false
        var repeated: [Instruction] = []
        for instruction in instructions {
            if instruction.kind == .from {
                seen = false
            } else if instruction.kind == kind {
                if seen { repeated.append(instruction) }
                seen = true
            }
        }
        return repeated
    }
}
