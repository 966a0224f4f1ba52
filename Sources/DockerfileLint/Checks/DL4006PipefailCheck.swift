import EKSGuardCore

/// hadolint DL4006: a `RUN` with a pipe while the shell does not have `-o pipefail`.
struct DL4006PipefailCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-4006",
        title: "Pipe without pipefail",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            A pipeline's status is its last command's, so `RUN curl -f https://x | tar xz` succeeds when the \
            download fails and the build goes on with a broken layer; `-o pipefail` makes any failing stage \
            fail the RUN. Like hadolint, a shell-form RUN with a pipe (also inside $(…)) is flagged unless the \
            SHELL in effect is bash, zsh or ash with `-o pipefail`, or a non-POSIX shell (pwsh, powershell, \
            cmd.exe); pipes inside `sh -c '…'` are not counted, since SHELL options do not reach that inner \
            shell. Unlike hadolint, a stage built FROM an earlier stage keeps that stage's SHELL, as docker \
            build does, and exec-form RUN is not flagged, because SHELL does not apply to it.
            """,
        remediation: "Add SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] (or /bin/ash on Alpine) before RUN instructions that use pipes.",
        references: ["hadolint:DL4006"],
        passing: [
            .dockerfile("""
                FROM debian:12
                SHELL ["/bin/bash", "-eo", "pipefail", "-c"]
                RUN curl -fsSL https://x.example/a.tgz | tar xz
                """),
            .dockerfile("""
                FROM debian:12
                SHELL ["/bin/bash", "-o", "errexit", "-o", "pipefail", "-c"]
                RUN wget -qO- https://x.example/a.tgz | tar xz
                """),
            .dockerfile("""
                FROM debian:12
                SHELL ["/bin/zsh", "-o", "pipefail", "-c"]
                RUN a | b
                """),
            .dockerfile("""
                FROM mcr.microsoft.com/powershell:7.4-ubuntu-22.04
                SHELL ["pwsh", "-Command"]
                RUN Get-ChildItem | Select-Object Name
                """),
            .dockerfile("""
                FROM debian:12
                RUN a || b
                """),
            .dockerfile("""
                FROM debian:12
                RUN ["/bin/sh", "-c", "a | b"]
                """, note: "exec form: SHELL does not apply"),
            .dockerfile("""
                FROM debian:12 AS base
                SHELL ["/bin/bash", "-o", "pipefail", "-c"]
                FROM base
                RUN a | b
                """, note: "the stage inherits its parent's SHELL (hadolint flags this)"),
            .dockerfile("""
                FROM debian:12
                ONBUILD RUN a | b
                """, note: "not ONBUILD-aware, like hadolint"),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                RUN curl -fsSL https://x.example/a.tgz | tar xz
                """, lines: [2]),
            .dockerfile("""
                FROM alpine:3.20
                SHELL ["/bin/sh", "-o", "pipefail", "-c"]
                RUN a | b
                """, lines: [3]),
            .dockerfile("""
                FROM debian:12
                SHELL ["/bin/bash", "-o", "pipefail", "-c"]
                RUN a | b
                FROM debian:12
                RUN a | b
                """, lines: [5]),
            .dockerfile("""
                FROM debian:12
                SHELL ["/bin/bash", "-o", "pipefail", "-c"]
                SHELL ["/bin/sh", "-c"]
                RUN a | b
                """, lines: [4]),
            .dockerfile("""
                FROM debian:12
                RUN VERSION="$(curl -fsSL https://x.example/v | head -n1)" && echo "$VERSION"
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN <<EOF
                set -e
                curl -fsSL https://x.example/a.tgz | tar xz
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var findings = DockerfileFindings(subject)
        for instruction in subject.dockerfile.instructions {
            // Cheapest test first: most RUNs have no pipe at all (the parser's commands include every
            // pipe hadolint could see), and only then the SHELL in force is read.
            guard let run = instruction.run, !run.form.isExec, run.script.hasPipes, !Self.handlesPipes(run.shell) else { continue }
            if run.script.commandsAsHadolintSees.contains(where: \.isPipedToNext) {
                findings.fail(
                    "Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check",
                    at: instruction)
            }
        }
        return findings.findings
    }

    /// hadolint's test on the SHELL text: a non-POSIX shell, or bash/zsh/ash with `-o pipefail`.
    static func handlesPipes(_ shell: [String]) -> Bool {
        let text = shell.joined(separator: " ")
        if ["pwsh", "powershell", "cmd.exe"].contains(where: text.hasPrefix) { return true }
        guard let script = try? ShellScript.parse(text) else { return false }
        return script.commands.contains { command in
            ["bash", "zsh", "ash"].contains(command.baseName ?? "") && command.hasFlag("-o") && command.hasArgument("pipefail")
        }
    }
}
