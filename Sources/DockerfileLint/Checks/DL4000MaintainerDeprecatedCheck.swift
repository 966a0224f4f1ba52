import EKSGuardCore

/// hadolint DL4000: `MAINTAINER` is deprecated.
struct DL4000MaintainerDeprecatedCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-4000",
        title: "Deprecated MAINTAINER instruction",
        practice: .dockerfileLint,
        severity: HadolintLevel.error.severity,
        rationale: """
            MAINTAINER has been deprecated since Docker 1.13: it only sets the legacy Author field, which \
            image tooling and registries no longer read, while a label is visible to every tool that reads \
            image metadata.
            """,
        remediation: "Replace MAINTAINER with LABEL maintainer=\"name <email>\" (or org.opencontainers.image.authors).",
        references: ["hadolint:DL4000", "trivy:AVD-DS-0022"],
        passing: [
            .dockerfile("""
                FROM debian:12
                LABEL maintainer="Jane Doe <jane@example.com>"
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                MAINTAINER Jane Doe <jane@example.com>
                """, lines: [2]),
            .dockerfile("""
                maintainer jane
                FROM debian:12
                """, lines: [1]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var findings = DockerfileFindings(subject)
        for instruction in subject.dockerfile.instructions where instruction.kind == .maintainer {
            findings.fail("MAINTAINER is deprecated", at: instruction)
        }
        return findings.findings
    }
}
