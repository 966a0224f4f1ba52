import EKSGuardCore

/// hadolint DL3059: two `RUN`s in a row that each run a single command could be one layer.
struct DL3059ConsecutiveRunCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3059",
        title: "Consecutive RUN instructions",
        practice: .dockerfileLint,
        severity: HadolintLevel.info.severity,
        rationale: """
            Every RUN adds a layer; consecutive single-command RUNs make the image larger and slower to pull \
            than one RUN joined with `&&`, and files deleted in a later layer still ship in the earlier one. \
            As in hadolint, a RUN is reported when the instruction before it (comments aside) is a RUN, both \
            run exactly one command (counting those in `$(…)` and subshells), and their options \
            (`--mount`, `--network`, `--security`) are the same: RUNs that already chain commands, or need \
            different mounts, were split on purpose. The body of `sh -c '…'` is part of its one command here, \
            as in hadolint.
            """,
        remediation: "Join the commands into one RUN with && (and a line continuation per command).",
        references: ["hadolint:DL3059"],
        passing: [
            .dockerfile("FROM debian:12\n"),
            .dockerfile("""
                FROM debian:12
                RUN /foo.sh
                WORKDIR /
                RUN /bar.sh
                """),
            .dockerfile("""
                FROM debian:12
                RUN --mount=type=secret,id=foo /foo.sh
                RUN --mount=type=secret,id=bar /bar.sh
                """, note: "different mounts"),
            .dockerfile("""
                FROM debian:12
                RUN foo && bar
                RUN foobar
                """),
            .dockerfile("""
                FROM debian:12
                RUN foobar
                RUN foo; bar
                """),
            .dockerfile("""
                FROM debian:12
                RUN echo "$(date)" > /built-at
                RUN /foo.sh
                """, note: "a command substitution is a second command"),
            .dockerfile("""
                FROM debian:12
                RUN /foo.sh
                RUN <<EOF
                apt-get update
                apt-get install -y --no-install-recommends curl
                EOF
                """),
            .dockerfile("""
                FROM debian:12
                RUN /foo.sh
                ONBUILD RUN /bar.sh
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                RUN /foo.sh
                RUN /bar.sh
                """, lines: [3]),
            .dockerfile("""
                FROM debian:12
                RUN echo a
                RUN if [ -n "$X" ]; then echo b; fi
                """, lines: [3], note: "A `[ … ]` test is a condition, not a second command."),
            .dockerfile("""
                FROM debian:12
                RUN /foo.sh
                # a comment
                # another comment
                RUN /bar.sh
                """, lines: [5]),
            .dockerfile("""
                FROM debian:12
                RUN --mount=type=secret,id=foo /foo.sh
                RUN --mount=type=secret,id=foo /bar.sh
                """, lines: [3]),
            .dockerfile("""
                FROM debian:12
                RUN foo && bar
                RUN foo
                RUN bar
                """, lines: [4]),
            .dockerfile("""
                FROM debian:12
                RUN sh -c 'make && make install'
                RUN <<EOF
                rm -rf /tmp/build
                EOF
                """, lines: [3]),
        ]
    )

    static let message = "Multiple consecutive `RUN` instructions. Consider consolidation."

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        // The RUN just before, if the previous instruction was one: its options and whether it runs one command.
        var previous: (options: [String], single: Bool)?
        for instruction in subject.dockerfile.instructions {
            guard let run = instruction.run else {
                previous = nil
                continue
            }
            let options = instruction.flags.map { "\($0.name)=\($0.value ?? "")" }.sorted()
            let single = Self.runsOneCommand(run.script)
            if let previous, previous.options == options, previous.single, single {
                out.fail(Self.message, at: instruction)
            }
            previous = (options, single)
        }
        return out.findings
    }

    /// One command of the script itself (nested `sh -c` bodies are part of it), running no `$(…)`.
    /// `[ … ]` and `[[ … ]]` tests are conditions to ShellCheck, not commands, so hadolint does not count them.
    static func runsOneCommand(_ script: ShellScript) -> Bool {
        let commands = script.commands.filter { !$0.isNested && $0.name != "[" && $0.name != "[[" }
        return commands.count == 1 && !commands[0].words.contains(where: \.hasCommandSubstitution)
    }
}
