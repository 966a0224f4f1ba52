/// The commands hadolint's ShellCheck parse sees in command substitutions (`$(…)`, backquotes)
/// when `sh -c '…'` bodies are left out. The shell parser lists substitution commands and `sh -c`
/// commands alike as nested, so this view re-reads the substitutions of the top-level commands.
enum HadolintSubstitutions {
    /// Deep enough for `$(a $(b $(c)))`; beyond it nothing realistic remains to find.
    static let maxDepth = 4
    /// Substitutions parsed per command at most: real commands hold a handful; the cap keeps hostile input cheap.
    static let maxBodiesPerCommand = 64

    /// The commands of every substitution in the command's words, recursively, leaving out
    /// `sh -c '…'` bodies (one string argument to ShellCheck).
    static func commands(in command: Command, depth: Int = 0) -> [Command] {
        guard depth < maxDepth else { return [] }
        var result: [Command] = []
        var budget = maxBodiesPerCommand
        for word in command.words where word.hasSubstitution {
            for body in CommandSubstitution.bodies(in: word.raw) {
                budget -= 1
                guard budget >= 0 else { return result }
                guard let parsed = try? ShellScript.parse(body) else { continue }
                for inner in parsed.commands where !inner.isNested {
                    result.append(inner)
                    result += commands(in: inner, depth: depth + 1)
                }
            }
        }
        return result
    }
}

extension ShellScript {
    /// The commands hadolint's ShellCheck parse sees: the script's own, and those in substitutions,
    /// but not the bodies of `sh -c '…'`.
    var commandsAsHadolintSees: [Command] {
        commands.filter { !$0.isNested }.flatMap { [$0] + HadolintSubstitutions.commands(in: $0) }
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
