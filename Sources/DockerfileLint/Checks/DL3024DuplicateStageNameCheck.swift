import EKSGuardCore

/// hadolint DL3024: two stages with the same name.
struct DL3024DuplicateStageNameCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3024",
        title: "Duplicate stage name",
        practice: .dockerfileLint,
        severity: HadolintLevel.error.severity,
        rationale: """
            With two stages of one name, `COPY --from=name` and `FROM name` silently resolve to the \
            first, so the files copied are not those the reader expects (newer BuildKit rejects the \
            file). The later `FROM` is reported. Names are compared without regard to case, as \
            BuildKit treats them (hadolint compares them exactly).
            """,
        remediation: "Give each stage its own name.",
        references: ["hadolint:DL3024", "trivy:AVD-DS-0012", "checkov:CKV_DOCKER_11"],
        passing: [
            .dockerfile("""
                FROM golang:1.22 AS build
                FROM node:20 AS assets
                FROM scratch AS final
                """),
        ],
        failing: [
            .dockerfile("""
                FROM node:20 AS foo
                RUN something
                FROM scratch AS foo
                RUN something
                """, lines: [3]),
            .dockerfile("""
                FROM golang:1.22 AS build
                FROM node:20 AS Build
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        var seen: Set<String> = []
        for stage in subject.dockerfile.stages {
            guard let alias = stage.alias else { continue }
            if !seen.insert(alias).inserted {
                out.fail("FROM aliases (stage names) must be unique.", at: stage.fromInstruction)
            }
        }
        return out.findings
    }
}
