import EKSGuardCore

/// `USER name[:group]` (a name or a numeric ID, possibly `$VARIABLE`).
package struct UserInstruction: Sendable, Hashable {
    /// The whole argument as written (`app:app`).
    package let text: String
    /// The part before `:`.
    package let user: String
    /// The part after `:`, if any.
    package let group: String?

    static func parse(_ context: InstructionContext) throws(DockerfileParseError) -> UserInstruction {
        let text = context.argumentText
        guard !text.isEmpty else { throw context.error("USER requires exactly one argument") }
        if let colon = text.firstIndex(of: ":") {
            return UserInstruction(text: text, user: String(text[..<colon]), group: String(text[text.index(after: colon)...]))
        }
        return UserInstruction(text: text, user: text, group: nil)
    }
}

/// `WORKDIR path`.
package struct WorkdirInstruction: Sendable, Hashable {
    /// The path as written (BuildKit takes the whole argument text).
    package let path: String

    /// True for `/x`, and for Windows paths `C:\x`, `C:/x` and `\x`.
    package var isAbsolute: Bool {
        let unquoted = path.trimmingQuotes
        if unquoted.hasPrefix("/") || unquoted.hasPrefix("\\") || unquoted.hasPrefix("$") { return true }
        let utf8 = Array(unquoted.utf8.prefix(3))
        return utf8.count >= 3 && (utf8[0] | 0x20) >= UInt8(ascii: "a") && (utf8[0] | 0x20) <= UInt8(ascii: "z")
            && utf8[1] == UInt8(ascii: ":") && (utf8[2] == UInt8(ascii: "/") || utf8[2] == UInt8(ascii: "\\"))
    }

    static func parse(_ context: InstructionContext) throws(DockerfileParseError) -> WorkdirInstruction {
        let path = context.argumentText
        guard !path.isEmpty else { throw context.error("WORKDIR requires exactly one argument") }
        return WorkdirInstruction(path: path)
    }
}

/// `SHELL ["executable", "parameters"]`: must be JSON.
package struct ShellInstruction: Sendable, Hashable {
    package let argv: [String]

    static func parse(_ context: InstructionContext) throws(DockerfileParseError) -> ShellInstruction {
        guard case .exec(let argv) = context.form else {
            throw context.error("SHELL requires the arguments to be in JSON form")
        }
        guard !argv.isEmpty else { throw context.error("SHELL requires at least one argument") }
        return ShellInstruction(argv: argv)
    }
}

/// `STOPSIGNAL signal`.
package struct StopSignalInstruction: Sendable, Hashable {
    package let signal: String

    static func parse(_ context: InstructionContext) throws(DockerfileParseError) -> StopSignalInstruction {
        let signal = context.argumentText
        guard !signal.isEmpty else { throw context.error("STOPSIGNAL requires exactly one argument") }
        return StopSignalInstruction(signal: signal)
    }
}

/// `VOLUME /data` or `VOLUME ["/data", "/logs"]`.
package struct VolumeInstruction: Sendable, Hashable {
    package let paths: [ArgumentWord]
    package let isExecForm: Bool

    static func parse(_ context: InstructionContext) throws(DockerfileParseError) -> VolumeInstruction {
        let paths: [ArgumentWord]
        switch context.form {
        case .exec(let strings):
            let position = context.argumentsPosition
            paths = strings.map { ArgumentWord(text: $0, position: position) }
        case .shell:
            paths = Words.whitespaceDelimited(context.bytes, context.argumentsRange).map(context.word)
        }
        guard !paths.isEmpty else { throw context.error("VOLUME requires at least one argument") }
        return VolumeInstruction(paths: paths, isExecForm: context.form.isExec)
    }
}

/// `MAINTAINER name` (deprecated in favour of a label).
package struct MaintainerInstruction: Sendable, Hashable {
    package let name: String

    static func parse(_ context: InstructionContext) throws(DockerfileParseError) -> MaintainerInstruction {
        let name = context.argumentText
        guard !name.isEmpty else { throw context.error("MAINTAINER requires exactly one argument") }
        return MaintainerInstruction(name: name)
    }
}

extension String {
    /// The string without one pair of surrounding `"` or `'`.
    var trimmingQuotes: String {
        guard count >= 2, let first, first == "\"" || first == "'", last == first else { return self }
        return String(dropFirst().dropLast())
    }
}
