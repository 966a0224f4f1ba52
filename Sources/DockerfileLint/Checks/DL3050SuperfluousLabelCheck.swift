import EKSGuardCore

/// hadolint DL3050: with `strict-labels`, a `LABEL` may only set labels the schema names.
struct DL3050SuperfluousLabelCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3050",
        title: "Label not in the label schema",
        practice: .dockerfileLint,
        severity: HadolintLevel.info.severity,
        rationale: """
            A team that fixes its image labels in a schema (`label-schema` in .hadolint.yaml) and turns on \
            `strict-labels` wants every label to be one it knows: an unplanned key is usually a typo of a \
            schema label or metadata nobody maintains. Without `strict-labels` the rule is silent. It reports \
            each offending `LABEL` instruction once, like hadolint, and does not look inside `ONBUILD`.
            """,
        remediation: "Remove the label, or add it to label-schema in .hadolint.yaml.",
        references: ["hadolint:DL3050"],
        passing: [
            .dockerfile("""
                FROM alpine:3.20
                LABEL required="foo"
                """, options: ["label-schema": "required=text", "strict-labels": "true"]),
            .dockerfile("""
                FROM alpine:3.20
                LABEL other="bar"
                """, options: ["label-schema": "required=text"], note: "strict-labels is off"),
            .dockerfile("FROM alpine:3.20\n", options: ["label-schema": "required=text", "strict-labels": "true"]),
        ],
        failing: [
            .dockerfile("""
                FROM alpine:3.20
                LABEL other="bar"
                """, lines: [2], options: ["label-schema": "required=text", "strict-labels": "true"]),
            .dockerfile("""
                FROM alpine:3.20
                LABEL required="foo" \\
                      other="bar"
                LABEL required="baz"
                """, lines: [2], options: ["label-schema": "required=text", "strict-labels": "true"]),
            .dockerfile("""
                FROM alpine:3.20
                LABEL anything=1
                """, lines: [2], options: ["strict-labels": "true"], note: "an empty schema allows no label"),
        ]
    )

    static let message = "Superfluous label(s) present."

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard context.config.strictLabels else { return [] }
        var out = DockerfileFindings(subject)
        for (instruction, labels) in subject.dockerfile.labelInstructions
        where labels.pairs.contains(where: { context.config.labelSchema[$0.key] == nil }) {
            out.fail(Self.message, at: instruction)
        }
        return out.findings
    }
}
