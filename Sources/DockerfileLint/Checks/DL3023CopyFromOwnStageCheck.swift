import EKSGuardCore

/// hadolint DL3023: `COPY --from` naming the stage it is in.
struct DL3023CopyFromOwnStageCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3023",
        title: "COPY --from references its own stage",
        practice: .dockerfileLint,
        severity: HadolintLevel.error.severity,
        rationale: """
            A stage cannot copy from itself: BuildKit rejects the build with a circular dependency, or \
            the author meant another stage. The name is compared without regard to case, as BuildKit \
            resolves stage names (hadolint compares it exactly).
            """,
        remediation: "Copy from the stage that produces the files, or use a plain COPY or RUN cp inside this stage.",
        references: ["hadolint:DL3023", "trivy:AVD-DS-0006"],
        passing: [
            .dockerfile("""
                FROM golang:1.22 AS build
                RUN go build -o /out/app ./...
                FROM scratch AS final
                COPY --from=build /out/app /app
                """),
        ],
        failing: [
            .dockerfile("""
                FROM node:20 AS foo
                COPY --from=foo bar .
                """, lines: [2]),
            .dockerfile("""
                FROM golang:1.22 AS build
                FROM scratch AS Final
                COPY --from=build /out/app /app
                COPY --from=final /app /app2
                """, lines: [4]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        for stage in subject.dockerfile.stages {
            guard let alias = stage.alias else { continue }
            for instruction in stage.instructions {
                guard let copy = instruction.copy, !copy.isAdd, copy.from?.lowercased() == alias else { continue }
                out.fail("`COPY --from` cannot reference its own `FROM` alias", at: instruction)
            }
        }
        return out.findings
    }
}
