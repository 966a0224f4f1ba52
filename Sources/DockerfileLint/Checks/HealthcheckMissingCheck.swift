import EKSGuardCore

/// EKS-DKR-012: the final image declares no HEALTHCHECK.
struct HealthcheckMissingCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-012",
        title: "HEALTHCHECK missing",
        practice: .dockerfileLint,
        severity: .info,
        rationale: """
            A HEALTHCHECK lets Docker, Compose and ECS restart or replace a container whose process is alive \
            but no longer serving. On EKS the kubelet ignores it: liveness and readiness probes in the pod \
            spec do that job, so this is informational, a reminder that the image carries no health \
            contract of its own. Only the final stage counts, with HEALTHCHECK inherited from the stages it \
            is built FROM; HEALTHCHECK NONE is an explicit choice and passes. hadolint's DL3057 (off by \
            default) checks every stage; if you enable it, you may prefer to disable this rule.
            """,
        remediation: "Add HEALTHCHECK CMD [\"/app\", \"healthcheck\"] (or HEALTHCHECK NONE to record that probes are defined in the pod spec).",
        references: ["trivy:AVD-DS-0026", "checkov:CKV_DOCKER_2", "CIS-Docker-1.6.0:4.6"],
        passing: [
            .dockerfile("""
                FROM nginx:1.27
                HEALTHCHECK --interval=30s CMD curl -fs http://localhost/ || exit 1
                """),
            .dockerfile("""
                FROM debian:12 AS base
                HEALTHCHECK NONE
                FROM base
                COPY app /app
                """),
            .dockerfile("""
                FROM golang:1.22 AS build
                RUN go build -o /app .
                FROM gcr.io/distroless/static-debian12:nonroot
                COPY --from=build /app /app
                HEALTHCHECK CMD ["/app", "healthcheck"]
                """, note: "the builder needs none"),
        ],
        failing: [
            .dockerfile("""
                FROM nginx:1.27
                COPY site /usr/share/nginx/html
                """, lines: [1]),
            .dockerfile("""
                FROM debian:12 AS build
                HEALTHCHECK CMD true
                FROM debian:12
                COPY --from=build /app /app
                """, lines: [3]),
            .dockerfile("""
                FROM debian:12
                ONBUILD HEALTHCHECK CMD true
                """, lines: [1], note: "an ONBUILD HEALTHCHECK only applies to child images"),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        let dockerfile = subject.dockerfile
        guard let finalStage = dockerfile.finalStage,
              !dockerfile.finalStageAncestry.contains(where: { $0.instructions.contains { $0.kind == .healthcheck } })
        else { return [] }
        var findings = DockerfileFindings(subject)
        findings.fail("The final stage has no HEALTHCHECK", at: finalStage.fromInstruction)
        return findings.findings
    }
}
