import EKSGuardCore

/// hadolint DL3058: an `email` label of the schema does not hold an email address.
struct DL3058LabelEmailCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3058",
        title: "Schema label is not an email address",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            A contact label (`maintainer`, `org.opencontainers.image.authors`) is how people reach the owner of \
            an image, for example when a vulnerability is found in it; it must be an address that works. The \
            value must be an RFC 5322 addr-spec (`team@example.com`). The label schema in .hadolint.yaml \
            decides which labels are addresses.
            """,
        remediation: "Set the label to a reachable address such as platform-team@example.com.",
        references: ["hadolint:DL3058"],
        passing: [
            .dockerfile("""
                FROM alpine:3.20
                LABEL maintainer="abcd@google.com"
                """, options: ["label-schema": "maintainer=email"]),
            .dockerfile("""
                FROM alpine:3.20
                LABEL maintainer="first.last+docker@mail.example.co.uk" other="doo"
                """, options: ["label-schema": "maintainer=email"]),
        ],
        failing: [
            .dockerfile("""
                FROM alpine:3.20
                LABEL maintainer="not-email"
                """, lines: [2], options: ["label-schema": "maintainer=email"]),
            .dockerfile("""
                FROM alpine:3.20
                LABEL maintainer="Jane Doe <jane@example.com>"
                """, lines: [2], options: ["label-schema": "maintainer=email"], note: "a display name is not an addr-spec"),
            .dockerfile("""
                FROM alpine:3.20
                LABEL maintainer="jane@@example.com"
                """, lines: [2], options: ["label-schema": "maintainer=email"]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        schemaLabelValueFindings(
            subject, context, kind: .email,
            message: { "Label `\($0)` is not a valid email format - must conform to RFC5322." }, isValid: LabelValue.isEmail)
    }
}
