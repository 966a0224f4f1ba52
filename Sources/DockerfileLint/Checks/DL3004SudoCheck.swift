import EKSGuardCore

/// hadolint DL3004: `sudo` in `RUN`.
struct DL3004SudoCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3004",
        title: "sudo used in RUN",
        practice: .dockerfileLint,
        severity: HadolintLevel.error.severity,
        rationale: """
            `sudo` in a build means the image ships `sudo` and a user allowed to use it, an escalation \
            path for anyone who gets a shell in the container; its TTY and PAM behaviour also makes \
            builds unpredictable. Switch users with `USER`, or drop privileges at run time with `gosu` \
            or `su-exec`. As in hadolint, installing the `sudo` package is not flagged and `ONBUILD RUN` \
            is checked too. Unlike hadolint, `sudo` run through `env` or `xargs` or inside `sh -c '…'` is seen as well.
            """,
        remediation: "Remove sudo: run the step as root with USER root before it, and switch back with USER afterwards.",
        references: ["hadolint:DL3004", "trivy:AVD-DS-0010", "checkov:CKV2_DOCKER_1"],
        passing: [
            .dockerfile("""
                FROM debian:12
                RUN apt-get install -y --no-install-recommends sudo=1.9.13p3-1
                USER app
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                RUN apt-get update && sudo apt-get install -y curl=7.88.1-10
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                ONBUILD RUN sudo make install
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN ["sudo", "apt-get", "update"]
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN bash -c "env DEBIAN_FRONTEND=noninteractive sudo -E dpkg -i /tmp/app.deb"
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN <<EOF
                sudo -u app make
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        subject.commandFindings(
            "Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root",
            includingTriggers: true
        ) { $0.usesSudo }
    }
}
