import EKSGuardCore

/// hadolint DL3027: `apt` in `RUN`.
struct DL3027AptCommandCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3027",
        title: "apt used instead of apt-get",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            `apt` is the interactive front end: its output and behaviour may change between releases \
            and it warns that it has no stable command-line interface, so scripts break on upgrades. \
            `apt-get` and `apt-cache` are the stable tools for scripts. As in hadolint, `ONBUILD RUN` is \
            checked too. Unlike hadolint, `apt` run through `sudo`, `env` or `xargs`, or inside \
            `sh -c '…'`, is seen as well.
            """,
        remediation: "Use apt-get (or apt-cache) in RUN instructions.",
        references: ["hadolint:DL3027", "checkov:CKV_DOCKER_9"],
        passing: [
            .dockerfile("""
                FROM debian:12
                RUN apt-get update && apt-get install -y --no-install-recommends apt-utils=2.6.1
                RUN apt-cache policy curl
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                RUN apt install -y curl=7.88.1-10
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                ONBUILD RUN apt update
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN <<EOF
                apt update
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["apt"]) else { return [] }
        return subject.commandFindings(
            "Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead", includingTriggers: true
        ) { $0.is("apt") }
    }
}
