import EKSGuardCore

/// hadolint DL3065: `FROM --platform=$TARGETPLATFORM` restates the default.
struct DL3065TargetPlatformCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3065",
        title: "Redundant FROM --platform=$TARGETPLATFORM",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            A stage is built for the target platform unless told otherwise, so `--platform=$TARGETPLATFORM` \
            changes nothing and hides the one case that matters, `--platform=$BUILDPLATFORM` for stages that \
            run on the build host. Only the exact forms `$TARGETPLATFORM` and `${TARGETPLATFORM}` are \
            reported, as in hadolint (whose DL3029 allows the same flag).
            """,
        remediation: "Drop --platform=$TARGETPLATFORM from the FROM line.",
        references: ["hadolint:DL3065"],
        passing: [
            .dockerfile("FROM alpine:3.20\n"),
            .dockerfile("FROM --platform=$FOOBAR alpine:3.20\n"),
            .dockerfile("FROM --platform=foobar/arm64 alpine:3.20\n"),
            .dockerfile("FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n"),
        ],
        failing: [
            .dockerfile("FROM --platform=$TARGETPLATFORM alpine:3.20\n", lines: [1]),
            .dockerfile("""
                FROM --platform=$BUILDPLATFORM golang:1.22 AS build
                FROM --platform=${TARGETPLATFORM} alpine:3.20
                """, lines: [2]),
        ]
    )

    static let message = "Setting `FROM --platform` to predefined `$TARGETPLATFORM` in is redundant as this is the default behavior"

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        for stage in subject.dockerfile.stages where ["$TARGETPLATFORM", "${TARGETPLATFORM}"].contains(stage.from.platform) {
            out.fail(Self.message, at: stage.fromInstruction)
        }
        return out.findings
    }
}
