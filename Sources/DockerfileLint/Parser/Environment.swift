/// The variables visible at a point of a Dockerfile, replayed from its `ARG` and `ENV` instructions
/// the way BuildKit scopes them, for expanding `$x`, `${x}`, `${x:-d}`, `${x-d}`, `${x:+d}`, `${x+d}`.
///
/// - `ARG`s before the first `FROM` are global: only `FROM` lines see them, and a stage sees one
///   only after re-declaring it (`ARG VERSION` without a value takes the global default).
/// - `ENV` is per stage, and a stage built `FROM` an earlier stage inherits that stage's `ENV`.
/// - `ENV` wins over an `ARG` of the same name; build arguments override `ARG` defaults.
///
/// Feed it every instruction in order with `apply(_:)`; ask `expand(_:)` before applying the
/// instruction whose arguments you are reading.
package struct Environment: Sendable {
    /// Build arguments (`--build-arg NAME=value`): they override `ARG` defaults of declared names.
    package let buildArgs: [String: String]
    package let escape: Character
    /// Global `ARG`s (declared before the first `FROM`) and their values; nil when declared without one.
    package private(set) var globalArgs: [String: String?] = [:]
    /// `ARG`s declared in the current stage, with their values (nil when unset).
    package private(set) var stageArgs: [String: String?] = [:]
    /// `ENV` of the current stage.
    package private(set) var env: [String: String] = [:]
    /// True once the first `FROM` has been applied.
    package private(set) var isInStage = false
    private var stageEnvs: [String: [String: String]] = [:]
    private var stageAlias: String?

    package init(buildArgs: [String: String] = [:], escape: Character = "\\") {
        self.buildArgs = buildArgs
        self.escape = escape
    }

    /// The value visible now: `ENV`, then the stage's `ARG`s (or the global ones before any `FROM`).
    package subscript(name: String) -> String? {
        if let value = env[name] { return value }
        if isInStage { return stageArgs[name] ?? nil }
        return globalArgs[name] ?? nil
    }

    /// True when the name is declared by `ARG` or `ENV` in the current scope (it may still be empty).
    package func isDeclared(_ name: String) -> Bool {
        env[name] != nil || (isInStage ? stageArgs[name] != nil : globalArgs[name] != nil)
    }

    /// Expands a word as BuildKit does (quotes removed, escapes honoured, unset names empty).
    package func expand(_ text: String) -> String { expansion(of: text).value }

    /// The expanded word and the names it referenced that were not set.
    package func expansion(of text: String) -> (value: String, unresolved: [String]) {
        var substitution = Substitution(escape: escape) { self[$0] }
        let value = substitution.process(text)
        return (value, substitution.unresolved)
    }

    /// Expands a word with the global `ARG`s only: the scope of every `FROM` line.
    package func expandGlobal(_ text: String) -> String {
        var substitution = Substitution(escape: escape) { name in globalArgs[name] ?? nil }
        return substitution.process(text)
    }

    /// Records the effect of one instruction.
    package mutating func apply(_ instruction: Instruction) {
        switch instruction.details {
        case .from(let from):
            if let stageAlias { stageEnvs[stageAlias] = env }
            let base = expandGlobal(from.image.raw).lowercased()
            env = stageEnvs[base] ?? [:]
            stageArgs = [:]
            stageAlias = from.alias
            isInStage = true
        case .arg(let arg):
            for declaration in arg.declarations {
                let value: String?
                if let given = buildArgs[declaration.name] {
                    value = given
                } else if let raw = declaration.rawDefault {
                    value = isInStage ? expand(raw) : expandGlobal(raw)
                } else {
                    value = isInStage ? (globalArgs[declaration.name] ?? nil) : nil
                }
                if isInStage { stageArgs[declaration.name] = .some(value) } else { globalArgs[declaration.name] = .some(value) }
            }
        case .keyValues(let pairs) where instruction.kind == .env:
            // Every value of one ENV is expanded with the environment from before it.
            let values = pairs.pairs.map { ($0.key, expand($0.rawValue)) }
            for (key, value) in values { env[key] = value }
        default:
            break
        }
    }
}

extension Dockerfile {
    /// Calls `body` for every instruction in order with the environment in effect *before* it
    /// (what its arguments expand with), replaying `ARG` and `ENV` as it goes.
    package func forEachInstruction(
        buildArgs: [String: String] = [:], _ body: (Instruction, Environment) throws -> Void
    ) rethrows {
        var environment = Environment(buildArgs: buildArgs, escape: escape)
        for instruction in instructions {
            try body(instruction, environment)
            environment.apply(instruction)
        }
    }
}
