/// `CMD` or `ENTRYPOINT`: the container's command, in exec or shell form.
package struct CommandInstruction: Sendable {
    /// True for `ENTRYPOINT`.
    package let isEntrypoint: Bool
    package let form: ArgumentForm
    /// The command parsed into shell commands (the argument vector as one command in exec form).
    package let script: ShellScript
    /// The `SHELL` in effect for the shell form.
    package let shell: [String]

    static func parse(_ context: InstructionContext) throws(DockerfileParseError) -> CommandInstruction {
        CommandInstruction(
            isEntrypoint: context.kind == .entrypoint, form: context.form,
            script: try context.script(for: context.form, range: context.argumentsRange), shell: context.shell)
    }
}

/// `HEALTHCHECK NONE` or `HEALTHCHECK [options] CMD command`.
package struct HealthcheckInstruction: Sendable {
    /// True for `HEALTHCHECK NONE` (the inherited check is disabled).
    package let isNone: Bool
    /// The check command's form; nil for `NONE`.
    package let command: ArgumentForm?
    /// The check command parsed (empty for `NONE`).
    package let script: ShellScript
    package let interval: String?
    package let timeout: String?
    package let startPeriod: String?
    package let startInterval: String?
    package let retries: String?

    /// BuildKit's `parseHealthConfig`: a type word (`CMD` or `NONE`), then an exec or shell form command.
    static func parse(_ context: InstructionContext) throws(DockerfileParseError) -> HealthcheckInstruction {
        let range = context.argumentsRange
        var typeEnd = range.lowerBound
        while typeEnd < range.upperBound, !Words.isSpace(context.bytes[typeEnd]) { typeEnd += 1 }
        var restStart = typeEnd
        while restStart < range.upperBound, Words.isSpace(context.bytes[restStart]) { restStart += 1 }
        let type = String(decoding: context.bytes[range.lowerBound..<typeEnd], as: UTF8.self).uppercased()
        let rest = restStart..<range.upperBound
        let options = (
            context.flag("interval")?.value, context.flag("timeout")?.value, context.flag("start-period")?.value,
            context.flag("start-interval")?.value, context.flag("retries")?.value)
        switch type {
        case "":
            throw context.error("HEALTHCHECK requires at least one argument")
        case "NONE":
            guard rest.isEmpty else { throw context.error("HEALTHCHECK NONE takes no arguments") }
            return HealthcheckInstruction(
                isNone: true, command: nil, script: .empty, interval: options.0, timeout: options.1,
                startPeriod: options.2, startInterval: options.3, retries: options.4)
        case "CMD":
            guard !rest.isEmpty else { throw context.error("missing command after HEALTHCHECK CMD") }
            let form = try DockerfileParser.maybeExecForm(context.bytes, rest, line: context.line)
            return HealthcheckInstruction(
                isNone: false, command: form, script: try context.script(for: form, range: rest), interval: options.0,
                timeout: options.1, startPeriod: options.2, startInterval: options.3, retries: options.4)
        default:
            throw context.error("unknown type \"\(type)\" in HEALTHCHECK (try CMD)")
        }
    }
}
