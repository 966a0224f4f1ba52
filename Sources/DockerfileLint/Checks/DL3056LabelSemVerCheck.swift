import EKSGuardCore

/// hadolint DL3056: a `semver` label of the schema does not hold a semantic version.
struct DL3056LabelSemVerCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3056",
        title: "Schema label is not a semantic version",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            Tools compare version labels (`org.opencontainers.image.version`) to order releases; that only \
            works for Semantic Versioning 2.0.0 values, `MAJOR.MINOR.PATCH` with optional `-prerelease` and \
            `+build` parts, so `v1.2.3` and `1.2` fail. Unlike hadolint's library, numbers with leading zeros \
            (`01.2.3`) fail too, as the SemVer specification says. The label schema in .hadolint.yaml decides \
            which labels are versions.
            """,
        remediation: "Write the version as MAJOR.MINOR.PATCH, for example 1.4.0 or 2.0.0-rc.1.",
        references: ["hadolint:DL3056"],
        passing: [
            .dockerfile("""
                FROM alpine:3.20
                LABEL semver="1.0.0"
                """, options: ["label-schema": "semver=semver"]),
            .dockerfile("""
                FROM alpine:3.20
                LABEL semver="2.0.1-rc1" other="bar"
                """, options: ["label-schema": "semver=semver"]),
            .dockerfile("""
                FROM alpine:3.20
                LABEL semver="1.0.0-alpha.1+build.5.sha-2dbfae9"
                """, options: ["label-schema": "semver=semver"]),
        ],
        failing: [
            .dockerfile("""
                FROM alpine:3.20
                LABEL semver="not-sem-ver"
                """, lines: [2], options: ["label-schema": "semver=semver"]),
            .dockerfile("""
                FROM alpine:3.20
                LABEL semver="v1.2.3"
                """, lines: [2], options: ["label-schema": "semver=semver"]),
            .dockerfile("""
                FROM alpine:3.20
                LABEL semver="1.2"
                """, lines: [2], options: ["label-schema": "semver=semver"]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        schemaLabelValueFindings(
            subject, context, kind: .semver, message: { "Label `\($0)` does not conform to semantic versioning." },
            isValid: LabelValue.isSemVer)
    }
}
