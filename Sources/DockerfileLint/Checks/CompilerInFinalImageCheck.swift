import EKSGuardCore

/// EKS-DKR-010: a single-stage build that leaves compilers in the image.
struct CompilerInFinalImageCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-010",
        title: "Compilers left in a single-stage image",
        practice: .dockerfileLint,
        severity: .low,
        rationale: """
            A build toolchain in the running image gives an attacker who gets code execution a ready way \
            to build exploits and tools inside the container, and adds hundreds of megabytes and CVEs that \
            scanners report and teams must triage. A multi-stage build compiles in one stage and copies \
            only the artefact into a small final image. This is a heuristic for Dockerfiles with a single \
            FROM: it reports a toolchain base image (golang, rust, gcc, maven, gradle) and compiler packages \
            installed with apt, apk, yum/dnf or zypper (gcc, g++, gcc-c++, clang, make, build-essential, \
            build-base, golang, go, maven, gradle, rustc, cargo) that no later command of the file removes \
            (`apt-get purge`, `apk del` of the package or of its --virtual group, `dnf remove`…). \
            Multi-stage builds are left alone: keeping a compiler there is a deliberate choice.
            """,
        remediation: "Split the Dockerfile into a build stage with the toolchain and a final stage FROM a slim or distroless image that only copies the built artefact.",
        references: [],
        passing: [
            .dockerfile("""
                FROM golang:1.22 AS build
                RUN go build -o /app .
                FROM gcr.io/distroless/static-debian12:nonroot
                COPY --from=build /app /app
                """),
            .dockerfile("""
                FROM python:3.12-alpine
                RUN apk add --no-cache --virtual .build-deps gcc musl-dev \\
                    && pip install --no-cache-dir uwsgi==2.0.26 \\
                    && apk del .build-deps
                """),
            .dockerfile("""
                FROM debian:12-slim
                RUN apt-get update && apt-get install -y --no-install-recommends build-essential
                RUN make && apt-get purge -y --auto-remove build-essential
                """),
            .dockerfile("""
                FROM debian:12-slim
                RUN apt-get install -y makeself gcc-12-base
                """, note: "not compilers"),
        ],
        failing: [
            .dockerfile("""
                FROM golang:1.22
                COPY . /src
                RUN go build -o /app /src
                """, lines: [1]),
            .dockerfile("""
                FROM debian:12-slim
                RUN apt-get update && apt-get install -y --no-install-recommends gcc make
                """, lines: [2]),
            .dockerfile("""
                FROM alpine:3.20
                RUN apk add --no-cache --virtual .build-deps build-base && apk del something-else
                """, lines: [2]),
            .dockerfile("""
                FROM rockylinux:9-minimal
                RUN microdnf install -y gcc-c++ && microdnf clean all
                """, lines: [2]),
            .dockerfile("""
                FROM maven:3.9-eclipse-temurin-21
                """, lines: [1]),
            .dockerfile("""
                FROM debian:12-slim
                ONBUILD RUN apt-get install -y clang
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12-slim
                RUN <<EOF
                apt-get update
                apt-get install -y --no-install-recommends g++ cmake
                EOF
                """, lines: [2]),
        ]
    )

    static let compilerPackages = ["gcc", "g++", "gcc-c++", "clang", "make", "build-essential", "build-base", "golang",
                                   "golang-go", "go", "maven", "gradle", "rustc", "cargo"]

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        let dockerfile = subject.dockerfile
        guard dockerfile.stages.count == 1, let stage = dockerfile.finalStage else { return [] }
        var findings = DockerfileFindings(subject)
        let image = stage.resolvedImage
        if BaseImageCatalog.toolchainImages.contains(BaseImageCatalog.catalogName(image)) {
            findings.fail("The single-stage build ships the toolchain image \(image.raw)", at: stage.fromInstruction)
        }
        let runs = dockerfile.runsIncludingTriggers.map { ($0, $0.run?.script.commands.compactMap(PackageTransaction.init) ?? []) }
        let removed = Set(runs.flatMap(\.1).filter { !$0.installs }.flatMap(\.packages))
        for (instruction, operations) in runs {
            var left: [String] = []
            for operation in operations where operation.installs && !(operation.virtualGroup.map(removed.contains) ?? false) {
                for package in operation.packages {
                    guard let compiler = Self.compilerPackages.first(where: { PackageTransaction.argument(package, names: $0) }),
                          !removed.contains(where: { PackageTransaction.argument($0, names: compiler) }), !left.contains(compiler)
                    else { continue }
                    left.append(compiler)
                }
            }
            if !left.isEmpty {
                findings.fail("The single-stage build leaves \(left.joined(separator: ", ")) in the final image", at: instruction)
            }
        }
        return findings.findings
    }
}
