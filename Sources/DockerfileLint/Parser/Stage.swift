import EKSGuardCore

/// A build stage: a `FROM` and the instructions up to the next `FROM`.
package struct Stage: Sendable {
    /// 0-based position among the stages (`COPY --from=0`).
    package let index: Int
    /// The `FROM` instruction.
    package let fromInstruction: Instruction
    /// Its typed view.
    package let from: FromInstruction
    /// The instructions after `FROM`, up to the next stage.
    package let instructions: [Instruction]
    /// The base image with `$VARIABLES` expanded from the global `ARG` defaults (build arguments
    /// are not known here; use `Environment` with them when you have them).
    package let resolvedImage: ImageReference
    /// The earlier stage this one builds on (`FROM builder`), if any.
    package let baseStageIndex: Int?

    /// The stage name, lowercased.
    package var alias: String? { from.alias }
    /// The base image as written.
    package var baseImage: ImageReference { from.image }
    /// Last line of the stage.
    package var endLine: Int { instructions.last?.endLine ?? fromInstruction.endLine }

    static func split(_ instructions: [Instruction], globals: [Instruction], escape: Character) -> [Stage] {
        var environment = Environment(escape: escape)
        for instruction in globals { environment.apply(instruction) }
        var stages: [Stage] = []
        var aliases: [String: Int] = [:]
        var current: (instruction: Instruction, from: FromInstruction)?
        var body: [Instruction] = []
        func close() {
            guard let (instruction, from) = current else { return }
            let resolved = ImageReference(environment.expandGlobal(from.image.raw))
            stages.append(Stage(
                index: stages.count, fromInstruction: instruction, from: from, instructions: body, resolvedImage: resolved,
                baseStageIndex: aliases[resolved.raw.lowercased()]))
            if let alias = from.alias, aliases[alias] == nil { aliases[alias] = stages.count - 1 }
        }
        for instruction in instructions.dropFirst(globals.count) {
            if let from = instruction.from {
                close()
                current = (instruction, from)
                body = []
            } else {
                body.append(instruction)
            }
        }
        close()
        return stages
    }
}
