import EKSGuardCore

/// hadolint DL3007: `FROM image:latest`.
struct DL3007LatestTagCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3007",
        title: "Base image tagged latest",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            `latest` moves with every push of the publisher, so the base of the image changes between \
            builds without any change to the Dockerfile: builds are not reproducible and a rebuild can \
            pull in a broken or vulnerable release. As in hadolint, `latest` pinned by a digest \
            (`image:latest@sha256:…`) is accepted, since the digest decides what is pulled.
            """,
        remediation: "Pin a release tag (FROM debian:12.5), or a digest.",
        references: ["hadolint:DL3007", "trivy:AVD-DS-0001", "checkov:CKV_DOCKER_7"],
        passing: [
            .dockerfile("""
                FROM debian:bookworm
                FROM debian@sha256:2d2a2c4e0a67bc3c8df6b3a4c2a5e0d1f94b2f8e79b4c1d2a6a6e5f0a1b2c3d4
                FROM node:latest@sha256:2d2a2c4e0a67bc3c8df6b3a4c2a5e0d1f94b2f8e79b4c1d2a6a6e5f0a1b2c3d4
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:latest
                """, lines: [1]),
            .dockerfile("""
                FROM golang:1.22 AS build
                FROM registry.example.com:5000/team/app:latest AS final
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        for stage in subject.dockerfile.stages where stage.baseImage.tag == "latest" && stage.baseImage.digest == nil {
            out.fail(
                "Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag",
                at: stage.fromInstruction)
        }
        return out.findings
    }
}
