import EKSGuardCore

/// hadolint DL3057 (off by default): a stage has no `HEALTHCHECK` of its own or from the stage it builds on.
struct DL3057HealthcheckMissingCheck: DockerfileCheck {
    static let enabledByDefault = false

    static let metadata = CheckMetadata(
        id: "EKS-DKR-3057",
        title: "HEALTHCHECK missing",
        practice: .dockerfileLint,
        severity: .info,
        rationale: """
            Without a HEALTHCHECK, Docker and Swarm cannot tell a hung container from a healthy one. On \
            Kubernetes the instruction is ignored (liveness and readiness probes do this job), which is why \
            hadolint ships the rule disabled and so do we: turn it on with --select or a severity in \
            .hadolint.yaml. Each stage without a HEALTHCHECK (`HEALTHCHECK NONE` counts) is reported at its \
            FROM, unless it builds on a stage that has one; a stage that a stage with a HEALTHCHECK builds \
            on, directly or through a chain, is not reported either, as in hadolint's newest version. Unlike \
            hadolint, a stage is only matched by its name (`FROM build`), never by an image name shared \
            with an unnamed stage, because that is how docker build resolves `FROM`.
            """,
        remediation: "Add HEALTHCHECK CMD <probe> to the final stage, or HEALTHCHECK NONE when probes do the job.",
        references: ["hadolint:DL3057", "trivy:AVD-DS-0026", "checkov:CKV_DOCKER_2"],
        passing: [
            .dockerfile("""
                FROM scratch
                HEALTHCHECK NONE
                """),
            .dockerfile("""
                FROM scratch
                HEALTHCHECK CMD /bin/bla
                """),
            .dockerfile("""
                FROM scratch AS base
                HEALTHCHECK CMD /bin/bla
                FROM base
                """, note: "inherited"),
            .dockerfile("""
                FROM scratch AS base1
                FROM base1 AS base2
                FROM base2 AS base3
                FROM base3 AS end
                HEALTHCHECK NONE
                """, note: "a chain ending in a HEALTHCHECK"),
        ],
        failing: [
            .dockerfile("FROM scratch\n", lines: [1]),
            .dockerfile("""
                FROM scratch AS base
                HEALTHCHECK CMD /bin/bla
                FROM scratch
                """, lines: [3]),
            .dockerfile("""
                FROM scratch AS base1
                FROM base1 AS base2
                FROM base2 AS base3.1
                FROM base2 AS base3.2

                FROM base3.1 AS end1
                HEALTHCHECK NONE

                FROM base3.2 AS end2
                """, lines: [4, 9], note: "the chain forks: only the branch with a HEALTHCHECK is covered"),
            .dockerfile("""
                FROM alpine:3.20 AS base
                ONBUILD HEALTHCHECK CMD /bin/true
                """, lines: [1], note: "an ONBUILD HEALTHCHECK applies to child images only"),
        ]
    )

    static let message = "`HEALTHCHECK` instruction missing."

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        let stages = subject.dockerfile.stages
        var covered = [Bool](repeating: false, count: stages.count)
        for stage in stages {
            if let base = stage.baseStageIndex, covered[base] { covered[stage.index] = true }
            guard stage.instructions.contains(where: { $0.kind == .healthcheck }) else { continue }
            // The stage and every stage it is built from, however far up the chain.
            var next: Int? = stage.index
            while let index = next {
                covered[index] = true
                next = stages[index].baseStageIndex
            }
        }
        var out = DockerfileFindings(subject)
        for stage in stages where !covered[stage.index] {
            out.fail(Self.message, at: stage.fromInstruction)
        }
        return out.findings
    }
}
