import EKSGuardCore

// Helpers shared by the DL3030–DL3049 rules: RUN iteration with ONBUILD triggers and the ARG/ENV
// names visible to each RUN, cache mounts, package-manager command shapes (yum, dnf, microdnf,
// zypper, pip) and RPM version pinning. They live in enums rather than extensions of the parser's
// types so that other rule groups' helpers cannot clash with them.

/// The `RUN` instructions a rule looks at, and where to report them.
enum RunSites {
    /// Reports `message` at every `RUN` (ONBUILD triggers included when `triggers`) that `violates`
    /// says is wrong: the shape of every stateless RUN rule of this group.
    static func fail(
        _ out: inout DockerfileFindings, _ message: String, includingTriggers triggers: Bool = true,
        where violates: (RunInstruction) -> Bool
    ) {
        for site in out.subject.dockerfile.runs(includingTriggers: triggers) where violates(site.run) {
            out.fail(message, at: site.instruction)
        }
    }

    /// Every `RUN` (ONBUILD triggers included) with the ARG and ENV names visible to it.
    static func runsWithVariables(in dockerfile: Dockerfile) -> [(at: Instruction, run: RunInstruction, variables: KnownVariables)] {
        var environment = Environment(escape: dockerfile.escape)
        var argNames: Set<String> = []
        var triggerEnv: [String: String] = [:]
        var result: [(at: Instruction, run: RunInstruction, variables: KnownVariables)] = []
        for instruction in dockerfile.instructions {
            if instruction.kind == .from { triggerEnv = [:] }
            if let run = instruction.run {
                result.append((instruction, run, KnownVariables(
                    argNames: argNames, environment: environment, triggerEnv: triggerEnv, forTrigger: false)))
            } else if let trigger = instruction.trigger {
                if let run = trigger.run {
                    result.append((instruction, run, KnownVariables(
                        argNames: argNames, environment: environment, triggerEnv: triggerEnv, forTrigger: true)))
                } else if trigger.kind == .env, let pairs = trigger.keyValues {
                    for pair in pairs.pairs { triggerEnv[pair.key] = pair.value }
                } else if let arg = trigger.arg {
                    argNames.formUnion(arg.declarations.map(\.name))
                }
            }
            if let arg = instruction.arg { argNames.formUnion(arg.declarations.map(\.name)) }
            environment.apply(instruction)
        }
        return result
    }

    /// True when a `--mount=type=cache` or `type=tmpfs` targets a path containing one of `fragments`:
    /// the package cache then never lands in the image layer, so no cleanup is needed.
    static func hasCacheMount(_ run: RunInstruction, containingAny fragments: [String]) -> Bool {
        run.mounts.contains { mount in
            guard mount.type == "cache" || mount.type == "tmpfs", let target = mount.target else { return false }
            return fragments.contains { target.contains($0) }
        }
    }
}

/// Shapes of package-manager commands, as hadolint tests them.
enum PackageCommands {
    /// hadolint's `cmdHasArgs`: some argument equals one of `values` (flags included, so
    /// `rm -rf /tmp/x` "has" `-rf`; the rules keep that leniency on purpose).
    static func hasAnyArgument(_ command: Command, _ values: Set<String>) -> Bool {
        command.arguments.contains { values.contains($0.value) }
    }

    /// A command of one of `tools` with one of the sub-commands `verbs` as an argument.
    static func isCommand(_ command: Command, of tools: Set<String>, withAnyOf verbs: Set<String>) -> Bool {
        (command.baseName.map(tools.contains) ?? false) && hasAnyArgument(command, verbs)
    }

    /// The non-option words minus the sub-command words (`install`, `module`, …): what a package
    /// manager is asked to install. Option values given as separate words stay in, as in hadolint.
    static func packageWords(_ command: Command, excluding subcommands: Set<String>) -> [ShellWord] {
        command.positionalArguments().filter { !subcommands.contains($0.value) }
    }

    /// yum/dnf/microdnf `install`, `groupinstall` or `localinstall` without `-y`/`--assumeyes` (DL3030, DL3038).
    static func isUnconfirmedRPMInstall(_ command: Command, by tools: Set<String>) -> Bool {
        isCommand(command, of: tools, withAnyOf: ["install", "groupinstall", "localinstall"])
            && !command.hasAnyFlag(["y", "assumeyes"])
    }

    /// hadolint's cache removal for yum and dnf: `rm` with `-rf` (anything) or `/var/cache/yum/*`.
    static func isRPMCacheRemoval(_ command: Command) -> Bool {
        isCommand(command, of: ["rm"], withAnyOf: ["-rf", "/var/cache/yum/*"])
    }

    /// `pip install …`, `pip3 install …`, `python3 -m pip install …`; not `pipx` or `pipenv`, which
    /// manage their own environments and caches.
    static func isPipInstall(_ command: Command) -> Bool {
        guard let name = command.baseName else { return false }
        if name.hasPrefix("pip") {
            return !name.hasPrefix("pipx") && !name.hasPrefix("pipenv") && command.hasArgument("install")
        }
        guard name.hasPrefix("python") else { return false }
        let values = command.argumentValues
        return values.indices.dropLast(2).contains { values[$0] == "-m" && values[$0 + 1] == "pip" && values[$0 + 2] == "install" }
    }
}

/// RPM package arguments (yum, dnf, microdnf): is a version pinned?
enum RPMPackage {
    /// Characters of an RPM version, release or epoch (`1:2.5.0-1.el9_2~rc1^git+x`).
    private static func isVersionCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || ".~^_:+".contains(character))
    }

    /// hadolint's test: a local or remote `.rpm`, or `name-version[-release]`, meaning that after the
    /// first `-` every part is made of version characters and one of them starts with a digit
    /// (`tomcat-9.2`, `rpm-sign-4.16.1.3`, `gcc-c++-1.1.1`, `openssl-1:1.1.1k`; not `python3-devel`).
    /// A word referring to a variable is pinned when the variable is a known ARG or ENV, since
    /// update bots write versions as `git-core-${GIT_VERSION}`.
    static func isPinned(_ word: ShellWord, variables: KnownVariables) -> Bool {
        let references = VariableReferences.names(in: word.raw)
        if !references.isEmpty { return references.contains(where: variables.contains) }
        let package = word.value
        if package.hasSuffix(".rpm") { return true }
        let parts = package.split(separator: "-", omittingEmptySubsequences: false).dropFirst()
        guard !parts.isEmpty else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(isVersionCharacter) }
            && parts.contains { $0.first?.isNumber == true }
    }

    /// The finding of DL3033 / DL3041 for one command already known to be the package manager with an
    /// `install` argument: module streams need `name:stream`, packages need a version.
    static func hasUnpinnedPackage(_ command: Command, variables: KnownVariables) -> Bool {
        let words = PackageCommands.packageWords(command, excluding: ["install", "module"])
        if command.hasArgument("module") {
            return words.contains { !$0.value.contains(":") }
        }
        return words.contains { !isPinned($0, variables: variables) }
    }
}

/// The `$NAME` / `${NAME…}` references in text as written, skipping escaped dollars and
/// single-quoted parts (neither BuildKit nor the shell expands those).
enum VariableReferences {
    static func names(in raw: String, escape: Character = "\\") -> [String] {
        var names: [String] = []
        let characters = Array(raw)
        var index = 0
        var singleQuoted = false
        while index < characters.count {
            let character = characters[index]
            index += 1
            if singleQuoted {
                if character == "'" { singleQuoted = false }
                continue
            }
            if character == escape {
                index += 1
                continue
            }
            if character == "'" {
                singleQuoted = true
                continue
            }
            guard character == "$", index < characters.count else { continue }
            let start = characters[index] == "{" ? index + 1 : index
            var end = start
            while end < characters.count, isNameCharacter(characters[end]), end > start || !characters[end].isNumber {
                end += 1
            }
            if end > start { names.append(String(characters[start..<end])) }
            index = end
        }
        return names
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_")
    }
}

/// The variable names a RUN may use, as DL3033, DL3041 and DL3042 count them: every `ARG` declared
/// so far anywhere in the file (hadolint's file-wide view), and the `ENV`s of the current stage
/// including those inherited through `FROM <stage>`.
struct KnownVariables {
    let argNames: Set<String>
    let environment: Environment
    /// `ENV`s registered by earlier `ONBUILD ENV` triggers of the stage; only triggers see them.
    let triggerEnv: [String: String]
    let forTrigger: Bool

    func contains(_ name: String) -> Bool {
        argNames.contains(name) || environment.env[name] != nil || (forTrigger && triggerEnv[name] != nil)
    }

    /// The `ENV` value of a name visible to this RUN.
    func envValue(_ name: String) -> String? {
        if forTrigger, let value = triggerEnv[name] { return value }
        return environment.env[name]
    }
}
