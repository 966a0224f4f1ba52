import EKSGuardCore

/// hadolint DL3015: `apt-get install` without `--no-install-recommends`.
struct DL3015AptNoInstallRecommendsCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3015",
        title: "apt-get install without --no-install-recommends",
        practice: .dockerfileLint,
        severity: HadolintLevel.info.severity,
        rationale: """
            By default apt installs every recommended package too: often hundreds of megabytes of \
            tools, documentation and libraries the application never uses, each one more thing to \
            patch and more attack surface. As in hadolint, `--no-install-recommends` and \
            `-o APT::Install-Recommends=false` are accepted, and `ONBUILD RUN` is checked too. Unlike \
            hadolint, `apt-get` run through `sudo`, `env` or `xargs`, or inside `sh -c '…'`, is seen as well.
            """,
        remediation: "Add --no-install-recommends: apt-get install -y --no-install-recommends <package>.",
        references: ["hadolint:DL3015", "trivy:AVD-DS-0029"],
        passing: [
            .dockerfile("""
                FROM debian:12
                RUN apt-get install -y --no-install-recommends python3=3.11.2-1+b1
                RUN apt-get -o APT::Install-Recommends=false install -y python3=3.11.2-1+b1
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                RUN apt-get -y install python3=3.11.2-1+b1
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                ONBUILD RUN apt-get install -y python3=3.11.2-1+b1
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN <<EOF
                apt-get update
                DEBIAN_FRONTEND=noninteractive apt-get install -y python3=3.11.2-1+b1
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["apt-get"]) else { return [] }
        return subject.commandFindings(
            "Avoid additional packages by specifying `--no-install-recommends`", includingTriggers: true
        ) { command in
            command.isAptGetInstall && !command.hasFlag("--no-install-recommends")
                && !command.hasArgument("APT::Install-Recommends=false")
        }
    }
}
