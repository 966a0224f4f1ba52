import EKSGuardCore

/// A parsed Dockerfile: the model every Dockerfile rule reads.
///
/// ## Overview
///
/// `Dockerfile.parse(_:)` reads text the way BuildKit's frontend does and keeps positions on
/// everything a rule may report:
///
/// - `directives`: `# syntax=`, `# escape=` (`\` or a backtick, which also continues lines) and
///   `# check=`, recognised only before the first instruction, comment or blank line.
/// - `instructions`: one `Instruction` per instruction, with its keyword (uppercased, original
///   spelling kept), position, end line, argument text after continuation joining, leading
///   `--options`, exec or shell form, heredocs, and a typed view (`instruction.from`, `.run`,
///   `.copy`, `.keyValues`, `.arg`, `.user`, `.workdir`, `.expose`, `.command`, `.shell`,
///   `.healthcheck`, `.stopSignal`, `.volume`, `.maintainer`, `.trigger` for `ONBUILD`).
/// - `comments`: every comment line with its position, uninterpreted; `ignorePragmas(for:)` and
///   `globalIgnorePragmas` give the parsed `# hadolint ignore=…` / `# eksguard ignore=…` forms.
/// - `stages`: one `Stage` per `FROM`, with its alias, base image (as written and with global
///   `ARG` defaults expanded) and its instructions; `globalInstructions` are those before the first `FROM`.
///
/// Shell awareness lives in `ShellScript` (`RunInstruction.script`, `CommandInstruction.script`):
/// commands split on `&&`, `||`, `;`, `|`, `&` and newlines, quotes and escapes removed, wrappers
/// (`sudo`, `env`, `xargs`, …) seen through and `sh -c '…'` bodies parsed as nested commands.
/// `Environment` replays `ARG` and `ENV` to expand `$x`, `${x:-default}` and friends.
///
/// Invalid input throws `DockerfileParseError` with a line and a reason. `DockerfileLimits` bound
/// the file size, lines per instruction and shell nesting; every stage of parsing is linear in the
/// input, so hostile files end in an error or a result quickly, never a crash.
package final class Dockerfile: Sendable {
    package let directives: ParserDirectives
    /// Every instruction in file order.
    package let instructions: [Instruction]
    /// Every comment line in file order (directives excluded).
    package let comments: [Comment]
    /// One stage per `FROM`, in order.
    package let stages: [Stage]
    /// Instructions before the first `FROM` (normally only `ARG`).
    package let globalInstructions: [Instruction]
    /// Number of lines in the file.
    package let lineCount: Int
    /// Blank lines inside an instruction's continuations (deprecated by BuildKit).
    package let emptyContinuationLines: [Int]
    /// The RUNs and the programs they run.
    let runIndex: RunIndex
    /// Every instruction, with each `ONBUILD` trigger right after its `ONBUILD` (rules that look into
    /// triggers iterate this).
    package let instructionsWithTriggers: [Instruction]

    /// The escape character (`\` or a backtick).
    package var escape: Character { directives.escape }
    /// The last stage: what `docker build` produces without `--target`.
    package var finalStage: Stage? { stages.last }

    init(directives: ParserDirectives, instructions: [Instruction], comments: [Comment], lineCount: Int,
         emptyContinuationLines: [Int]) {
        self.directives = directives
        self.instructions = instructions
        self.comments = comments
        self.lineCount = lineCount
        self.emptyContinuationLines = emptyContinuationLines
        let firstFrom = instructions.firstIndex { $0.kind == .from } ?? instructions.endIndex
        globalInstructions = Array(instructions[..<firstFrom])
        stages = Stage.split(instructions, globals: globalInstructions, escape: directives.escape)
        runIndex = RunIndex(instructions)
        instructionsWithTriggers = instructions.flatMap(\.withTrigger)
    }

    /// Parses Dockerfile text.
    package static func parse(_ text: String, limits: DockerfileLimits = .standard) throws(DockerfileParseError) -> Dockerfile {
        try DockerfileParser.parse(Array(text.utf8), limits: limits)
    }

    /// Parses Dockerfile bytes (checked for size and binary content first).
    package static func parse(bytes: [UInt8], limits: DockerfileLimits = .standard) throws(DockerfileParseError) -> Dockerfile {
        try DockerfileParser.parse(bytes, limits: limits)
    }

    /// The comment on a line, if that line is a comment.
    package func comment(onLine line: Int) -> Comment? {
        var low = 0
        var high = comments.count
        while low < high {
            let mid = (low + high) / 2
            if comments[mid].position.line < line { low = mid + 1 } else { high = mid }
        }
        return low < comments.count && comments[low].position.line == line ? comments[low] : nil
    }

    /// Non-global ignore pragmas on the line directly above the instruction, as hadolint reads them.
    package func ignorePragmas(for instruction: Instruction) -> [IgnorePragma] {
        guard let pragma = comment(onLine: instruction.position.line - 1)?.ignorePragma, !pragma.isGlobal else { return [] }
        return [pragma]
    }

    /// Rule IDs that the pragma above the instruction asks to skip (hadolint's and ours together).
    package func ignoredRuleIDs(for instruction: Instruction) -> Set<String> {
        Set(ignorePragmas(for: instruction).flatMap(\.ruleIDs))
    }

    /// Every `# hadolint global ignore=…` / `# eksguard global ignore=…` in the file.
    package var globalIgnorePragmas: [IgnorePragma] {
        comments.compactMap(\.ignorePragma).filter(\.isGlobal)
    }

    /// The stage with this name (any case).
    package func stage(named name: String) -> Stage? {
        let key = name.lowercased()
        return stages.first { $0.alias == key }
    }

    /// The stage an instruction belongs to; nil for instructions before the first `FROM`.
    package func stage(containing instruction: Instruction) -> Stage? {
        stages.last { $0.fromInstruction.position.line <= instruction.position.line }
    }
}
