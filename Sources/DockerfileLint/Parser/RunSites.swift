/// A `RUN` a rule inspects, with the instruction its findings are reported at: the `RUN` itself, or
/// the `ONBUILD` that registers it (hadolint reports ONBUILD findings at the ONBUILD line).
package struct InspectedRun: Sendable {
    package let instruction: Instruction
    package let run: RunInstruction
    /// True for the `RUN` of an `ONBUILD`.
    package let isTrigger: Bool

    package var commands: [Command] { run.script.commands }
}

/// Every `RUN` of a file and the programs they run, gathered once per file: dozens of rules walk
/// the RUNs, and most of them only care about one package manager.
struct RunIndex: Sendable {
    /// Every `RUN` and `ONBUILD RUN` in file order.
    let all: [InspectedRun]
    /// The same without `ONBUILD RUN`s.
    let plain: [InspectedRun]
    /// The base name of every command any of them runs, nested commands (`sh -c '…'`, `$(…)`) included.
    let programs: Set<String>

    init(_ instructions: [Instruction]) {
        all = instructions.compactMap { instruction in
            if let run = instruction.run { return InspectedRun(instruction: instruction, run: run, isTrigger: false) }
            if let run = instruction.trigger?.run { return InspectedRun(instruction: instruction, run: run, isTrigger: true) }
            return nil
        }
        plain = all.filter { !$0.isTrigger }
        var programs: Set<String> = []
        for site in all {
            for command in site.run.script.commands {
                if let name = command.baseName { programs.insert(name) }
            }
        }
        self.programs = programs
    }
}

extension Dockerfile {
    /// Every `RUN` in file order; with `includingTriggers`, every `ONBUILD RUN` too, as hadolint's
    /// ONBUILD-aware rules see them.
    package func runs(includingTriggers: Bool) -> [InspectedRun] {
        includingTriggers ? runIndex.all : runIndex.plain
    }

    /// True when some `RUN` or `ONBUILD RUN` runs a program with one of these base names (`yum`,
    /// `apt-get`). Rules about one tool ask this first and skip files that never run it.
    package func runsAny(of programs: Set<String>) -> Bool {
        !runIndex.programs.isDisjoint(with: programs)
    }
}
