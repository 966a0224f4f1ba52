import EKSGuardCore

/// hadolint DL3052: a `url` label of the schema does not hold an absolute URL.
struct DL3052LabelURLCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3052",
        title: "Schema label is not a URL",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            Labels such as `org.opencontainers.image.source` or `.documentation` are followed by people and \
            tools; a value that is not an absolute URI (RFC 3986, scheme required, e.g. `https://…`) is a \
            broken link. The label schema in .hadolint.yaml decides which labels are URLs. An empty value \
            fails too, as in hadolint. Values are checked as written, so use the `text` kind for `${VARIABLE}` values.
            """,
        remediation: "Set the label to an absolute URL such as https://github.com/org/repo.",
        references: ["hadolint:DL3052"],
        passing: [
            .dockerfile("""
                FROM alpine:3.20
                LABEL urllabel="http://example.com"
                """, options: ["label-schema": "urllabel=url"]),
            .dockerfile("""
                FROM alpine:3.20
                LABEL org.opencontainers.image.source="https://github.com/org/repo/tree/main?tab=readme#usage"
                """, options: ["label-schema": "org.opencontainers.image.source=url"]),
            .dockerfile("""
                FROM alpine:3.20
                LABEL urllabel="mailto:team@example.com" other="not a url"
                """, options: ["label-schema": "urllabel=url"]),
        ],
        failing: [
            .dockerfile("""
                FROM alpine:3.20
                LABEL urllabel="not-url"
                """, lines: [2], options: ["label-schema": "urllabel=url"]),
            .dockerfile("""
                FROM alpine:3.20
                LABEL urllabel="www.example.com/docs"
                """, lines: [2], options: ["label-schema": "urllabel=url"], note: "no scheme"),
            .dockerfile("""
                FROM alpine:3.20
                LABEL urllabel="https://example.com/a page"
                """, lines: [2], options: ["label-schema": "urllabel=url"], note: "a space must be percent-encoded"),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        schemaLabelValueFindings(
            subject, context, kind: .url, message: { "Label `\($0)` is not a valid URL." }, isValid: LabelValue.isAbsoluteURI)
    }
}
