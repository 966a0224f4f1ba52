import EKSGuardCore

/// hadolint DL3051: a label of the schema is set to an empty value.
struct DL3051EmptyLabelCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3051",
        title: "Schema label is empty",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            A label the schema requires (`label-schema` in .hadolint.yaml, any kind) carries information \
            someone relies on, such as an owner or a source revision; setting it to "" satisfies a presence \
            check while telling nothing. Values are checked as written (a `$VARIABLE` counts as set). Only \
            schema labels are checked, and `ONBUILD LABEL` is not, as in hadolint.
            """,
        remediation: "Give the label a real value, or remove the LABEL and let the missing-label rule (EKS-DKR-3049) report it.",
        references: ["hadolint:DL3051"],
        passing: [
            .dockerfile("""
                FROM alpine:3.20
                LABEL emptylabel="foo"
                """, options: ["label-schema": "emptylabel=text"]),
            .dockerfile("""
                FROM alpine:3.20
                LABEL other=""
                """, options: ["label-schema": "emptylabel=text"], note: "not a schema label"),
            .dockerfile("""
                FROM alpine:3.20
                LABEL emptylabel="${VERSION}"
                """, options: ["label-schema": "emptylabel=text"]),
        ],
        failing: [
            .dockerfile("""
                FROM alpine:3.20
                LABEL emptylabel=""
                """, lines: [2], options: ["label-schema": "emptylabel=text"]),
            .dockerfile("""
                FROM alpine:3.20
                LABEL version="1.0" \\
                      owner=''
                """, lines: [2], options: ["label-schema": "owner=email,version=semver"]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        schemaLabelValueFindings(subject, context, kind: nil, message: { "label `\($0)` is empty." }, isValid: { !$0.isEmpty })
    }
}
