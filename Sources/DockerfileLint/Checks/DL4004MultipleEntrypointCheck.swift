import EKSGuardCore

/// hadolint DL4004: more than one `ENTRYPOINT` in a stage.
struct DL4004MultipleEntrypointCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-4004",
        title: "Multiple ENTRYPOINT instructions",
        practice: .dockerfileLint,
        severity: HadolintLevel.error.severity,
        rationale: """
            Only the last ENTRYPOINT of a stage takes effect, so an earlier one is dead code and the image may \
            not start the process its author expects. Like hadolint, each ENTRYPOINT after the first in a \
            stage is flagged, the count restarts at FROM, and an ONBUILD ENTRYPOINT is not counted.
            """,
        remediation: "Keep a single ENTRYPOINT per stage.",
        references: ["hadolint:DL4004", "trivy:AVD-DS-0007"],
        passing: [
            .dockerfile("""
                FROM debian:12
                ENTRYPOINT ["/app"]
                """),
            .dockerfile("""
                FROM debian:12 AS build
                ENTRYPOINT ["make"]
                FROM debian:12
                ENTRYPOINT ["/app"]
                """),
            .dockerfile("""
                FROM debian:12
                ONBUILD ENTRYPOINT ["/setup"]
                ENTRYPOINT ["/app"]
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                ENTRYPOINT ["/a"]
                ENTRYPOINT ["/b"]
                """, lines: [3]),
            .dockerfile("""
                FROM debian:12
                ENTRYPOINT /a
                CMD ["x"]
                ENTRYPOINT /b
                ENTRYPOINT /c
                """, lines: [4, 5]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var findings = DockerfileFindings(subject)
        for instruction in subject.dockerfile.laterDuplicatesPerStage(.entrypoint) {
            findings.fail(
                "Multiple `ENTRYPOINT` instructions found. If you list more than one `ENTRYPOINT` then only the last `ENTRYPOINT` will take effect",
                at: instruction)
        }
        return findings.findings
    }
}
