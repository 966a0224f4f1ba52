import EKSGuardCore

/// hadolint DL3055: a `hash` label of the schema does not hold a git commit hash.
struct DL3055LabelGitHashCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3055",
        title: "Schema label is not a git hash",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            A revision label (`org.opencontainers.image.revision`) ties an image to the exact commit it was \
            built from, which incident response and provenance checks depend on; a branch name or a \
            mistyped value breaks that link. A hash is 7 or 40 lowercase hexadecimal characters, as hadolint \
            requires. The label schema in .hadolint.yaml decides which labels are hashes.
            """,
        remediation: "Set the label to the commit hash, for example from git rev-parse HEAD.",
        references: ["hadolint:DL3055"],
        passing: [
            .dockerfile("""
                FROM alpine:3.20
                LABEL githash="2dbfae9"
                """, options: ["label-schema": "githash=hash"]),
            .dockerfile("""
                FROM alpine:3.20
                LABEL githash="43c572f1272b6b3171dd1db9e41b7027128ce080" other="foo"
                """, options: ["label-schema": "githash=hash"]),
        ],
        failing: [
            .dockerfile("""
                FROM alpine:3.20
                LABEL githash="not-git-hash"
                """, lines: [2], options: ["label-schema": "githash=hash"]),
            .dockerfile("""
                FROM alpine:3.20
                LABEL githash="2DBFAE9"
                """, lines: [2], options: ["label-schema": "githash=hash"], note: "uppercase is not accepted"),
            .dockerfile("""
                FROM alpine:3.20
                LABEL githash="43c572f1"
                """, lines: [2], options: ["label-schema": "githash=hash"], note: "8 characters"),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        schemaLabelValueFindings(
            subject, context, kind: .hash, message: { "Label `\($0)` is not a valid git hash." }, isValid: LabelValue.isGitHash)
    }
}
