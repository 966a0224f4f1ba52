import EKSGuardCore

/// hadolint DL3053: an `rfc3339` label of the schema does not hold an RFC 3339 timestamp.
struct DL3053LabelTimeCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3053",
        title: "Schema label is not an RFC 3339 time",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            A creation time label (`org.opencontainers.image.created`) is only useful to tools when it is \
            machine-readable; the OCI annotation spec requires RFC 3339 (`2021-03-05T12:34:56Z`, optional \
            fraction, `Z` or a `±hh:mm` offset), and the date and time must exist. The label schema in \
            .hadolint.yaml decides which labels are times. Values are checked as written.
            """,
        remediation: "Write the time as RFC 3339, for example 2024-05-01T12:00:00Z (date -u +%Y-%m-%dT%H:%M:%SZ).",
        references: ["hadolint:DL3053"],
        passing: [
            .dockerfile("""
                FROM alpine:3.20
                LABEL datelabel="2021-03-10T10:26:33.564595127+01:00"
                """, options: ["label-schema": "datelabel=rfc3339"]),
            .dockerfile("""
                FROM alpine:3.20
                LABEL datelabel="2024-02-29T23:59:59Z" other="doo"
                """, options: ["label-schema": "datelabel=rfc3339"]),
        ],
        failing: [
            .dockerfile("""
                FROM alpine:3.20
                LABEL datelabel="not-date"
                """, lines: [2], options: ["label-schema": "datelabel=rfc3339"]),
            .dockerfile("""
                FROM alpine:3.20
                LABEL datelabel="2021-03-10"
                """, lines: [2], options: ["label-schema": "datelabel=rfc3339"], note: "a date without a time"),
            .dockerfile("""
                FROM alpine:3.20
                LABEL datelabel="2023-02-29T10:00:00Z"
                """, lines: [2], options: ["label-schema": "datelabel=rfc3339"], note: "2023 is not a leap year"),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        schemaLabelValueFindings(
            subject, context, kind: .rfc3339,
            message: { "Label `\($0)` is not a valid time format - must be conform to RFC3339." }, isValid: LabelValue.isRFC3339)
    }
}
