import EKSGuardCore

/// hadolint DL3012: more than one `HEALTHCHECK` in a stage.
struct DL3012MultipleHealthcheckCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3012",
        title: "Multiple HEALTHCHECK instructions",
        practice: .dockerfileLint,
        severity: HadolintLevel.error.severity,
        rationale: """
            Only the last `HEALTHCHECK` of a stage takes effect; the earlier ones are dead code that \
            misleads the reader about how the container is probed. Each `HEALTHCHECK` after the first \
            in a stage is reported; stages are counted separately.
            """,
        remediation: "Keep a single HEALTHCHECK per stage.",
        references: ["hadolint:DL3012", "trivy:AVD-DS-0023"],
        passing: [
            .dockerfile("""
                FROM nginx:1.27 AS base
                HEALTHCHECK CMD curl -f http://localhost/ || exit 1
                FROM base
                HEALTHCHECK --interval=30s CMD curl -f http://localhost/healthz || exit 1
                """),
        ],
        failing: [
            .dockerfile("""
                FROM nginx:1.27
                HEALTHCHECK CMD curl -f http://localhost/ || exit 1
                HEALTHCHECK NONE
                """, lines: [3]),
            .dockerfile("""
                FROM nginx:1.27
                HEALTHCHECK CMD /bin/check-a
                RUN echo ok
                HEALTHCHECK CMD /bin/check-b
                HEALTHCHECK CMD /bin/check-c
                """, lines: [4, 5]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        for body in subject.dockerfile.stageBodies {
            for instruction in body.filter({ $0.kind == .healthcheck }).dropFirst() {
                out.fail("Multiple `HEALTHCHECK` instructions.", at: instruction)
            }
        }
        return out.findings
    }
}
