import EKSGuardCore

/// hadolint DL4003: more than one `CMD` in a stage.
struct DL4003MultipleCmdCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-4003",
        title: "Multiple CMD instructions",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            Only the last CMD of a stage takes effect, so an earlier one is dead code that misleads readers \
            about what the container runs. Like hadolint, each CMD after the first in a stage is flagged, the \
            count restarts at FROM, and an ONBUILD CMD is not counted.
            """,
        remediation: "Keep a single CMD per stage, the one the container should run.",
        references: ["hadolint:DL4003", "trivy:AVD-DS-0016"],
        passing: [
            .dockerfile("""
                FROM debian:12
                CMD ["bash"]
                """),
            .dockerfile("""
                FROM debian:12 AS build
                CMD ["make"]
                FROM debian:12
                CMD ["app"]
                """, note: "one CMD per stage"),
            .dockerfile("""
                FROM debian:12
                ONBUILD CMD ["setup"]
                CMD ["app"]
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                CMD ["bash"]
                RUN make
                CMD ["app"]
                """, lines: [4]),
            .dockerfile("""
                FROM debian:12
                CMD a
                CMD b
                CMD c
                """, lines: [3, 4]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var findings = DockerfileFindings(subject)
        for instruction in subject.dockerfile.laterDuplicatesPerStage(.cmd) {
            findings.fail(
                "Multiple `CMD` instructions found. If you list more than one `CMD` then only the last `CMD` will take effect",
                at: instruction)
        }
        return findings.findings
    }
}
