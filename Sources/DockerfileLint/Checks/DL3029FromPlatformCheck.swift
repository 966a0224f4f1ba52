import EKSGuardCore

/// hadolint DL3029: `FROM --platform=` with a fixed platform.
struct DL3029FromPlatformCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3029",
        title: "FROM with fixed --platform",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            A fixed `--platform` builds that stage for one architecture whatever the build was asked \
            for, so a multi-arch build silently ships, say, amd64 binaries in an arm64 image (which \
            then fail on Graviton nodes). As in hadolint, values built from `BUILDPLATFORM` or \
            `TARGETPLATFORM` (the cross-compilation pattern) are accepted.
            """,
        remediation: "Drop --platform, or use --platform=$BUILDPLATFORM for build stages that cross-compile.",
        references: ["hadolint:DL3029"],
        passing: [
            .dockerfile("""
                FROM --platform=$BUILDPLATFORM golang:1.22 AS build
                FROM --platform="${TARGETPLATFORM:-linux/amd64}" alpine:3.20
                FROM debian:12
                """),
        ],
        failing: [
            .dockerfile("""
                FROM --platform=linux/amd64 debian:12
                """, lines: [1]),
            .dockerfile("""
                FROM golang:1.22 AS build
                FROM --platform=linux/arm64 alpine:3.20 AS final
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        for stage in subject.dockerfile.stages {
            guard let platform = stage.from.platform,
                  !platform.contains("BUILDPLATFORM"), !platform.contains("TARGETPLATFORM") else { continue }
            out.fail("Do not use --platform flag with FROM", at: stage.fromInstruction)
        }
        return out.findings
    }
}
