import EKSGuardCore

/// hadolint DL3006: `FROM` an image without a tag.
struct DL3006UntaggedImageCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3006",
        title: "Base image without tag",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            An image named without tag or digest means `latest`: whatever the publisher pushed last, \
            so two builds of the same Dockerfile can differ in OS, libraries and vulnerabilities. As in \
            hadolint, `scratch`, earlier stages (`FROM build`) and images given entirely by a variable \
            (`FROM ${BASE}`) are accepted. Unlike hadolint, an image that only partly comes from a \
            variable (`FROM registry.example.com/${IMAGE}`) is judged after expanding the global `ARG` \
            defaults, since the tag may be in the variable; it is accepted if still unresolved.
            """,
        remediation: "Name a tag, better a digest, in the FROM line (FROM debian:12.5 or FROM debian@sha256:…).",
        references: ["hadolint:DL3006", "checkov:CKV_DOCKER_7"],
        passing: [
            .dockerfile("""
                FROM golang:1.22 AS build
                FROM build AS unit-test
                FROM scratch
                FROM ${BASE_IMAGE}
                FROM ruby@sha256:2d2a2c4e0a67bc3c8df6b3a4c2a5e0d1f94b2f8e79b4c1d2a6a6e5f0a1b2c3d4
                """),
            .dockerfile("""
                ARG IMAGE=app:1.4
                FROM registry.example.com/${IMAGE}
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian
                """, lines: [1]),
            .dockerfile("""
                FROM golang:1.22 AS build
                FROM node AS test
                """, lines: [2]),
            .dockerfile("""
                ARG IMAGE=app
                FROM registry.example.com:5000/${IMAGE} AS final
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        for stage in subject.dockerfile.stages where Self.isUntagged(stage, in: subject.dockerfile) {
            out.fail("Always tag the version of an image explicitly", at: stage.fromInstruction)
        }
        return out.findings
    }

    static func isUntagged(_ stage: Stage, in dockerfile: Dockerfile) -> Bool {
        let written = stage.baseImage
        if written.isScratch || written.raw.hasPrefix("$") || stage.baseStageIndex != nil { return false }
        guard let image = dockerfile.knownBaseImage(of: stage) else { return false }
        return !image.isScratch && image.tag == nil && image.digest == nil
    }
}
