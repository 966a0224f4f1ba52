import EKSGuardCore

/// hadolint DL3002: a stage whose last `USER` is root.
struct DL3002LastUserRootCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3002",
        title: "Last USER is root",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            A container whose user is root turns any code execution into root in the container, one \
            kernel or runtime bug away from the node and its IAM role. Following hadolint, each stage \
            whose last `USER` is `root` or `0` (with any group) is reported at that `USER`, including \
            stages other than the last: a stage another one is built from passes its user on, and \
            hadolint does not follow those links. A stage without any `USER` is not reported here \
            (the eksguard rule on the final user covers an image that never sets one).
            """,
        remediation: "Switch to an unprivileged user (USER 10001 or USER app) after the steps that need root.",
        references: ["hadolint:DL3002", "trivy:AVD-DS-0002", "checkov:CKV_DOCKER_8"],
        passing: [
            .dockerfile("""
                FROM debian:12
                USER root
                RUN apt-get install -y --no-install-recommends curl=7.88.1-10
                USER app
                """),
            .dockerfile("""
                FROM debian:12 AS build
                USER root
                RUN make
                USER builder
                FROM scratch
                COPY --from=build /out /app
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                USER root
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                USER app
                USER 0:0
                """, lines: [3]),
            .dockerfile("""
                FROM debian:12 AS base
                USER root:root
                RUN make
                FROM base
                RUN make install
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12 AS build
                USER root
                RUN make
                FROM debian:12
                USER app
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        for stage in subject.dockerfile.stages {
            guard let last = stage.instructions.last(where: { $0.user != nil }), let user = last.user,
                  user.user == "root" || user.user == "0" else { continue }
            out.fail("Last USER should not be root", at: last)
        }
        return out.findings
    }
}
