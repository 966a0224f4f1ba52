import EKSGuardCore

/// hadolint DL3063: a stage is named `scratch` or `context`, names BuildKit reserves.
struct DL3063ReservedStageNameCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3063",
        title: "Reserved stage name",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            `scratch` is the empty image and `context` is the build context (`COPY --from=context`, named \
            contexts); a stage with either name makes `FROM scratch` or `--from=context` mean something else \
            than readers expect, and BuildKit warns about it. Stage names match without regard to case in \
            docker build, so `AS Scratch` is reported too (hadolint compares the exact spelling).
            """,
        remediation: "Rename the stage (FROM … AS build) and update the FROM and COPY --from lines that use it.",
        references: ["hadolint:DL3063"],
        passing: [
            .dockerfile("FROM foo:bar AS foobar\n"),
            .dockerfile("""
                FROM golang:1.22 AS build
                FROM scratch
                COPY --from=build /app /app
                """),
        ],
        failing: [
            .dockerfile("FROM foo:bar AS scratch\n", lines: [1]),
            .dockerfile("""
                FROM alpine:3.20
                FROM foo:bar AS context
                """, lines: [2]),
            .dockerfile("FROM foo:bar as Scratch\n", lines: [1]),
        ]
    )

    static let message = "stage name should not be a reserved word"

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        for stage in subject.dockerfile.stages where stage.alias == "scratch" || stage.alias == "context" {
            out.fail(Self.message, at: stage.fromInstruction)
        }
        return out.findings
    }
}
