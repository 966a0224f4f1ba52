import EKSGuardCore

/// The Dockerfile instructions BuildKit knows. Any other keyword is a parse error.
package enum InstructionKind: String, Sendable, Hashable, CaseIterable {
    case add = "ADD", arg = "ARG", cmd = "CMD", copy = "COPY", entrypoint = "ENTRYPOINT", env = "ENV"
    case expose = "EXPOSE", from = "FROM", healthcheck = "HEALTHCHECK", label = "LABEL"
    case maintainer = "MAINTAINER", onbuild = "ONBUILD", run = "RUN", shell = "SHELL"
    case stopsignal = "STOPSIGNAL", user = "USER", volume = "VOLUME", workdir = "WORKDIR"
}

/// An instruction option written before the arguments (`--mount=type=cache,target=/root/.cache`,
/// `--link`). Only leading `--` words are options, as in BuildKit; any name is kept.
package struct Flag: Sendable, Hashable {
    /// The name without dashes (`mount`).
    package let name: String
    /// What follows `=`, quotes removed; nil for a bare `--link`.
    package let value: String?
    package let position: SourcePosition

    /// `value`, or `true` for a bare flag: the boolean reading BuildKit gives `--link`, `--link=false`.
    package var isEnabled: Bool {
        guard let value else { return true }
        return value.lowercased() != "false"
    }
}

/// How an instruction's arguments were written.
package enum ArgumentForm: Sendable, Hashable {
    /// A JSON array of strings: `["executable", "param"]`.
    case exec([String])
    /// Anything else: shell form for `RUN`, `CMD`, `ENTRYPOINT`, `SHELL`, and the plain argument
    /// text (after the options) for every other instruction. A malformed JSON array lands here, as
    /// BuildKit runs it through the shell.
    case shell(String)

    package var isExec: Bool {
        if case .exec = self { return true }
        return false
    }
}

/// A word of an instruction's arguments with its position (`COPY` sources, `VOLUME` paths).
package struct ArgumentWord: Sendable, Hashable {
    /// The word as written (BuildKit splits these on whitespace and does not remove quotes).
    package let text: String
    package let position: SourcePosition
}

/// One instruction: its keyword, position, options, arguments, heredocs, and a typed view of what
/// it means (`from`, `run`, `copy`, `env`, …).
///
/// `arguments` is the text after the keyword once line continuations are joined with the active
/// escape character and the comment and blank lines inside them dropped, exactly what BuildKit
/// hands its instruction parsers.
///
/// A class rather than a struct: rules pass instructions around constantly (stage lists, findings,
/// helper tuples), and copying one reference is far cheaper than copying some thirty fields.
package final class Instruction: Sendable {
    package let kind: InstructionKind
    /// The keyword uppercased (`RUN`).
    package var keyword: String { kind.rawValue }
    /// The keyword as written (`run`, `Run`), for casing rules.
    package let keywordSpelling: String
    /// Position of the keyword's first character.
    package let position: SourcePosition
    /// Last source line of the instruction, heredoc bodies included.
    package let endLine: Int
    /// The whole instruction after joining continuations, keyword included.
    package let text: String
    /// Everything after the keyword, options included.
    package let arguments: String
    /// Leading `--name[=value]` options.
    package let flags: [Flag]
    /// The arguments after the options, as exec or shell form.
    package let form: ArgumentForm
    /// Where the arguments after the options start.
    package let argumentsPosition: SourcePosition
    /// Heredocs of this instruction (of its trigger, for `ONBUILD`), in order.
    package let heredocs: [Heredoc]
    /// The typed view of the instruction.
    package let details: InstructionDetails
    /// Maps UTF-8 offsets in `text` to file positions.
    package let locator: SourceLocator

    /// The text of the arguments after the options (the shell script, the JSON array as written…).
    package let argumentText: String

    init(
        kind: InstructionKind, keywordSpelling: String, position: SourcePosition, endLine: Int, text: String,
        arguments: String, flags: [Flag], form: ArgumentForm, argumentsPosition: SourcePosition, heredocs: [Heredoc],
        details: InstructionDetails, locator: SourceLocator, argumentText: String
    ) {
        self.kind = kind
        self.keywordSpelling = keywordSpelling
        self.position = position
        self.endLine = endLine
        self.text = text
        self.arguments = arguments
        self.flags = flags
        self.form = form
        self.argumentsPosition = argumentsPosition
        self.heredocs = heredocs
        self.details = details
        self.locator = locator
        self.argumentText = argumentText
    }

    /// The first option with this name (`flag("from")`).
    package func flag(_ name: String) -> Flag? { flags.first { $0.name == name } }
    /// True when the option is present.
    package func hasFlag(_ name: String) -> Bool { flags.contains { $0.name == name } }

    // Typed views: each is nil unless the instruction is of that kind.
    package var from: FromInstruction? { if case .from(let value) = details { value } else { nil } }
    package var run: RunInstruction? { if case .run(let value) = details { value } else { nil } }
    /// `COPY` and `ADD`.
    package var copy: CopyInstruction? { if case .copy(let value) = details { value } else { nil } }
    /// `ENV` and `LABEL`.
    package var keyValues: KeyValueInstruction? { if case .keyValues(let value) = details { value } else { nil } }
    package var arg: ArgInstruction? { if case .arg(let value) = details { value } else { nil } }
    package var user: UserInstruction? { if case .user(let value) = details { value } else { nil } }
    package var workdir: WorkdirInstruction? { if case .workdir(let value) = details { value } else { nil } }
    package var expose: ExposeInstruction? { if case .expose(let value) = details { value } else { nil } }
    /// `CMD` and `ENTRYPOINT`.
    package var command: CommandInstruction? { if case .command(let value) = details { value } else { nil } }
    package var shell: ShellInstruction? { if case .shell(let value) = details { value } else { nil } }
    package var healthcheck: HealthcheckInstruction? { if case .healthcheck(let value) = details { value } else { nil } }
    package var stopSignal: StopSignalInstruction? { if case .stopSignal(let value) = details { value } else { nil } }
    package var volume: VolumeInstruction? { if case .volume(let value) = details { value } else { nil } }
    package var maintainer: MaintainerInstruction? { if case .maintainer(let value) = details { value } else { nil } }
    /// The instruction an `ONBUILD` registers.
    package var trigger: Instruction? { if case .onbuild(let value) = details { value } else { nil } }
}

/// The meaning of an instruction, one case per family of instructions.
package indirect enum InstructionDetails: Sendable {
    case from(FromInstruction)
    case run(RunInstruction)
    /// `COPY` and `ADD`.
    case copy(CopyInstruction)
    /// `ENV` and `LABEL`.
    case keyValues(KeyValueInstruction)
    case arg(ArgInstruction)
    case user(UserInstruction)
    case workdir(WorkdirInstruction)
    case expose(ExposeInstruction)
    /// `CMD` and `ENTRYPOINT`.
    case command(CommandInstruction)
    case shell(ShellInstruction)
    case healthcheck(HealthcheckInstruction)
    case stopSignal(StopSignalInstruction)
    case volume(VolumeInstruction)
    case maintainer(MaintainerInstruction)
    case onbuild(Instruction)
}

extension Instruction {
    /// This instruction and, for `ONBUILD`, the instruction it registers: hadolint checks both.
    package var withTrigger: [Instruction] {
        if let trigger { return [self, trigger] }
        return [self]
    }
}
