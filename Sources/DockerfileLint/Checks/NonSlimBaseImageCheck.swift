import EKSGuardCore

/// EKS-DKR-018: the final image is built on a full distribution image where a slim variant exists.
struct NonSlimBaseImageCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-018",
        title: "Final base image is not slim",
        practice: .dockerfileLint,
        severity: .low,
        rationale: """
            Full distribution images carry compilers, shells, package caches and hundreds of packages the \
            application never uses: each one is attack surface, a source of scanner findings (ECR and Trivy \
            report them all) and pull time on every node. Only the base of the image that ships counts: the \
            final stage, followed through FROM <stage> to its external image. It is reported when that image \
            is in eksguard's list of images that have a smaller variant (ubuntu, debian, centos, fedora, \
            rockylinux, almalinux, oraclelinux, amazonlinux, buildpack-deps, node, python, golang, ruby, \
            openjdk, php, perl, rust, elixir, erlang, haskell, dotnet/sdk, UBI; also through docker.io/library/ \
            and the ECR Public mirror) and its tag does not already name one (slim, alpine, distroless, \
            minimal, busybox, micro, chiseled). distroless, Chainguard and scratch images pass. A single-stage \
            build on a toolchain image (golang, rust) is left to EKS-DKR-010, which reports the same FROM.
            """,
        remediation: "Build the final stage FROM a slim, alpine, minimal or distroless variant (the message suggests one), copying in only what the application needs.",
        references: [],
        passing: [
            .dockerfile("""
                FROM python:3.12-slim-bookworm
                """),
            .dockerfile("""
                FROM golang:1.22 AS build
                RUN go build -o /app .
                FROM gcr.io/distroless/static-debian12:nonroot
                COPY --from=build /app /app
                """, note: "only the final stage counts"),
            .dockerfile("""
                FROM node:20-alpine AS base
                FROM base
                """),
            .dockerfile("""
                FROM scratch
                COPY app /app
                """),
            .dockerfile("""
                FROM nginx:1.27
                """, note: "not in the list"),
            .dockerfile("""
                FROM rust:1.79
                RUN cargo install app
                """, note: "single-stage toolchain image: EKS-DKR-010's finding"),
        ],
        failing: [
            .dockerfile("""
                FROM python:3.12
                COPY . /app
                """, lines: [1]),
            .dockerfile("""
                FROM node:20 AS build
                RUN npm ci && npm run build
                FROM node:20
                COPY --from=build /app /app
                """, lines: [3]),
            .dockerfile("""
                FROM ubuntu:24.04 AS base
                RUN apt-get update
                FROM base
                COPY app /app
                """, lines: [1], note: "reported at the base the final stage is built on"),
            .dockerfile("""
                FROM public.ecr.aws/docker/library/debian:bookworm
                """, lines: [1]),
            .dockerfile("""
                FROM golang:1.22 AS build
                FROM golang:1.22
                COPY --from=build /go/bin/app /app
                """, lines: [2]),
            .dockerfile("""
                ARG PYTHON=3.12
                FROM python:${PYTHON}
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        let dockerfile = subject.dockerfile
        guard let root = dockerfile.finalStageAncestry.last else { return [] }
        let image = root.resolvedImage
        guard !image.isScratch, !image.hasVariables else { return [] }
        let name = BaseImageCatalog.catalogName(image)
        guard let suggestion = BaseImageCatalog.fullImages[name],
              !BaseImageCatalog.minimalImagePrefixes.contains(where: name.hasPrefix) else { return [] }
        let tag = image.tag?.lowercased() ?? ""
        if BaseImageCatalog.slimTagMarkers.contains(where: tag.contains) { return [] }
        if dockerfile.stages.count == 1, BaseImageCatalog.toolchainImages.contains(name) { return [] }
        var findings = DockerfileFindings(subject)
        findings.fail("The final image is built on the full image \(image.raw); consider \(suggestion)", at: root.fromInstruction)
        return findings.findings
    }
}
