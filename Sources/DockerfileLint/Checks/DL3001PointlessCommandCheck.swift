import EKSGuardCore

/// hadolint DL3001: commands that make no sense in an image build (`ssh`, `vim`, `service`, …).
struct DL3001PointlessCommandCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3001",
        title: "Interactive or system command in RUN",
        practice: .dockerfileLint,
        severity: HadolintLevel.info.severity,
        rationale: """
            A build step has no terminal, no init system and no long-running processes: `vim`, `ssh`, \
            `top`, `ps`, `free`, `kill`, `mount`, `service` and `shutdown` either hang the build, do \
            nothing that survives the step, or show that the image is being treated like a VM. As in \
            hadolint, `ifconfig` is named in the message but not checked, installing such a tool \
            (`apt-get install openssh-client`) is fine, and `ONBUILD RUN` is checked too. Unlike hadolint, \
            commands run through `sudo`, `env` or `xargs`, or inside `sh -c '…'`, are seen as well.
            """,
        remediation: "Remove the command from the RUN instruction; configure services through the entrypoint instead.",
        references: ["hadolint:DL3001"],
        passing: [
            .dockerfile("""
                FROM debian:12
                RUN apt-get install -y --no-install-recommends openssh-client=1:9.2p1-2 vim-tiny=2:9.0.1378-2
                RUN echo "ps and top are only words here"
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                RUN top
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN apt-get update && service nginx start
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                ONBUILD RUN ssh deploy@example.com
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN sh -c 'sudo mount -t tmpfs none /mnt'
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN <<EOF
                set -e
                ps aux
                EOF
                """, lines: [2]),
        ]
    )

    static let commands: Set<String> = ["free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim"]

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        subject.commandFindings(
            "For some bash commands it makes no sense running them in a Docker container like `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`, `ifconfig`",
            includingTriggers: true
        ) { Self.commands.contains($0.baseName ?? "") }
    }
}
