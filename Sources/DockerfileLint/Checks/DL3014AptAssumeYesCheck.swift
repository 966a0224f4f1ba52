import EKSGuardCore

/// hadolint DL3014: `apt-get install` without `-y`.
struct DL3014AptAssumeYesCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3014",
        title: "apt-get install without -y",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            Without `-y`, `apt-get install` asks for confirmation whenever it installs more than was \
            named, and with no terminal to answer the build aborts. As in hadolint, `-y`, `--yes`, \
            `--assume-yes` and quiet level 2 (`-qq`, `-q -q`, `-q=2`, which implies yes) are accepted, a \
            single `-q` is not, and `ONBUILD RUN` is checked too. Unlike hadolint, `apt-get` run through \
            `sudo`, `env` or `xargs`, or inside `sh -c '…'`, is seen as well.
            """,
        remediation: "Add -y: apt-get install -y <package>.",
        references: ["hadolint:DL3014", "trivy:AVD-DS-0021"],
        passing: [
            .dockerfile("""
                FROM debian:12
                RUN apt-get install -yq python3=3.11.2-1+b1
                RUN apt-get install -qq python3=3.11.2-1+b1
                RUN apt-get -y install python3=3.11.2-1+b1
                RUN apt-get --yes install python3=3.11.2-1+b1
                RUN apt-get --assume-yes install python3=3.11.2-1+b1
                RUN apt-get -q -q install python3=3.11.2-1+b1
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                RUN apt-get install python3=3.11.2-1+b1
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN apt-get update && apt-get -q install python3=3.11.2-1+b1
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                ONBUILD RUN apt-get install python3=3.11.2-1+b1
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN <<EOF
                sudo apt-get install python3=3.11.2-1+b1
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["apt-get"]) else { return [] }
        return subject.commandFindings(
            "Use the `-y` switch to avoid manual input `apt-get -y install <package>`", includingTriggers: true
        ) { $0.isAptGetInstall && !Self.assumesYes($0) }
    }

    /// `-y`/`--yes`/`--assume-yes`, or quiet level exactly 2 (hadolint counts the `q`s).
    static func assumesYes(_ command: Command) -> Bool {
        command.hasAnyFlag(["-y", "--yes", "--assume-yes"]) || command.count(ofFlag: "-q") == 2
            || command.count(ofFlag: "--quiet") == 2 || command.hasArgument("-q=2")
    }
}
