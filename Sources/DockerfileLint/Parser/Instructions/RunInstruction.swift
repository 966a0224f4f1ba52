import EKSGuardCore

/// `RUN [--mount=…] [--network=…] [--security=…] command`: the commands it runs, parsed.
package struct RunInstruction: Sendable {
    /// Exec form (`["apt-get", "update"]`) or shell form (the script text).
    package let form: ArgumentForm
    /// The commands the instruction runs: the shell-form line; the heredoc itself for `RUN <<EOF`
    /// (unless its `#!` names a non-shell interpreter); a heredoc fed to a shell (`RUN bash <<EOF`)
    /// as nested commands; the argument vector as one command in exec form.
    package let script: ShellScript
    /// Every `--mount`, in order.
    package let mounts: [Mount]
    /// `--network` (`none`, `host`, `default`).
    package let network: String?
    /// `--security` (`insecure`, `sandbox`).
    package let security: String?
    /// The `SHELL` in effect for the shell form (`["/bin/sh", "-c"]` unless changed).
    package let shell: [String]

    /// True when the active shell is a POSIX shell, so `script` is meaningful (not PowerShell or cmd).
    package var usesPOSIXShell: Bool {
        guard let program = shell.first else { return true }
        return ShellInvocation.shells.contains(CommandWrapper.baseName(program).lowercased())
    }

    static func parse(_ context: InstructionContext) throws(DockerfileParseError) -> RunInstruction {
        RunInstruction(
            form: context.form, script: try context.script(for: context.form, range: context.argumentsRange),
            mounts: context.flags.filter { $0.name == "mount" }.map { Mount(parsing: $0.value ?? "", at: $0.position) },
            network: context.flag("network")?.value, security: context.flag("security")?.value, shell: context.shell)
    }
}

/// One `--mount=type=cache,target=/root/.cache,sharing=locked` option.
package struct Mount: Sendable, Hashable {
    /// `bind` (the default), `cache`, `tmpfs`, `secret` or `ssh`.
    package let type: String
    /// Every `key=value` (or bare `key`, with an empty value) in order, type included.
    package let options: [(key: String, value: String)]
    package let position: SourcePosition

    /// The value of an option (`"target"`); aliases are not merged, see `target` and `source`.
    package subscript(key: String) -> String? { options.last { $0.key == key }?.value }
    /// `target`, `dst` or `destination`.
    package var target: String? { self["target"] ?? self["dst"] ?? self["destination"] }
    /// `source` or `src`.
    package var source: String? { self["source"] ?? self["src"] }

    /// Reads BuildKit's CSV form: fields separated by commas, double quotes protect commas.
    init(parsing text: String, at position: SourcePosition) {
        var options: [(String, String)] = []
        var field = ""
        var quoted = false
        func flush() {
            guard !field.isEmpty else { return }
            if let equals = field.firstIndex(of: "=") {
                options.append((field[..<equals].lowercased(), String(field[field.index(after: equals)...])))
            } else {
                options.append((field.lowercased(), ""))
            }
            field = ""
        }
        for character in text {
            if character == "\"" {
                quoted.toggle()
            } else if character == ",", !quoted {
                flush()
            } else {
                field.append(character)
            }
        }
        flush()
        self.options = options
        type = options.last { $0.0 == "type" }?.1.lowercased() ?? "bind"
        self.position = position
    }

    package static func == (lhs: Mount, rhs: Mount) -> Bool {
        lhs.position == rhs.position && lhs.options.elementsEqual(rhs.options) { $0.key == $1.key && $0.value == $1.value }
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(position)
        hasher.combine(type)
    }
}
