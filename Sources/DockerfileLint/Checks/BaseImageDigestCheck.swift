import EKSGuardCore

/// EKS-DKR-002: a base image pinned by tag only, not by digest.
struct BaseImageDigestCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-002",
        title: "Base image not pinned by digest",
        practice: .dockerfileLint,
        severity: .low,
        rationale: """
            A tag is a movable pointer: the publisher, or anyone who compromises the registry account, can \
            point `python:3.12` at different content, so the same Dockerfile builds different images and a \
            poisoned base flows straight into production. A digest (`@sha256:…`) names exactly one image. \
            Every stage's external base counts, builders included, since they produce what is copied into \
            the final image. Images without a tag or tagged `latest` are left to hadolint DL3006 and DL3007, \
            stage names and `scratch` are not images, and a reference still holding a variable after the \
            global ARG defaults are applied is not judged.
            """,
        remediation: "Pin the base image by digest (FROM python:3.12-slim@sha256:<digest>) and let a bot such as Renovate or Dependabot update it.",
        references: [],
        passing: [
            .dockerfile("""
                FROM python:3.12-slim@sha256:2d0ae4c6b5e8a4a1d4a0f1e36a2f57ba5bfb0f2b9a6b3fd2c1f8d86f1d1e2a3b
                """),
            .dockerfile("""
                FROM scratch
                COPY app /app
                """),
            .dockerfile("""
                FROM debian
                """, note: "untagged: DL3006's finding"),
            .dockerfile("""
                FROM debian:latest
                """, note: "latest: DL3007's finding"),
            .dockerfile("""
                FROM golang:1.22@sha256:0a1c2b3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9 AS build
                FROM build
                """, note: "a stage name is not an image"),
            .dockerfile("""
                ARG BASE
                FROM ${BASE}
                """),
        ],
        failing: [
            .dockerfile("""
                FROM python:3.12-slim
                """, lines: [1]),
            .dockerfile("""
                FROM golang:1.22 AS build
                FROM gcr.io/distroless/static-debian12@sha256:0a1c2b3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9
                COPY --from=build /app /app
                """, lines: [1]),
            .dockerfile("""
                ARG NODE_VERSION=20
                FROM node:${NODE_VERSION}-alpine
                """, lines: [2]),
            .dockerfile("""
                FROM --platform=$BUILDPLATFORM 123456789012.dkr.ecr.eu-west-1.amazonaws.com/base:1.4 AS base
                """, lines: [1]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var findings = DockerfileFindings(subject)
        for stage in subject.dockerfile.stages where stage.baseStageIndex == nil {
            let image = stage.resolvedImage
            guard !image.isScratch, !image.hasVariables, image.digest == nil, let tag = image.tag, tag != "latest" else { continue }
            findings.fail("FROM \(image.raw) is pinned by tag only, not by digest", at: stage.fromInstruction)
        }
        return findings.findings
    }
}
