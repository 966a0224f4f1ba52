import EKSGuardCore

/// hadolint DL3026: images from registries outside `trustedRegistries`.
struct DL3026TrustedRegistryCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3026",
        title: "Image from an untrusted registry",
        practice: .dockerfileLint,
        severity: HadolintLevel.error.severity,
        rationale: """
            Only images from registries the organisation controls or vets (a mirrored ECR, a vendor \
            registry) have passed its scanning and signing; anything else is an unreviewed supply-chain \
            input. Active only when `trustedRegistries` is set in `.hadolint.yaml`. Entries match the \
            registry exactly, or with `*` for any, `*.example.com` for subdomains and `prefix*`; an image \
            without registry is a Docker Hub image, trusted when `docker.io` or `hub.docker.com` is. As in \
            the newest hadolint, images used by `COPY --from` and `RUN --mount=…,from=` are checked like \
            `FROM`, and earlier stages and stage indexes are not images. Unlike hadolint, variables in \
            `FROM` are expanded with the global `ARG` defaults, and a reference still holding a variable \
            is not reported, since its registry is only known at build time.
            """,
        remediation: "Pull the image through a trusted registry (for example an ECR pull-through cache), or add the registry to trustedRegistries.",
        references: ["hadolint:DL3026"],
        passing: [
            .dockerfile("""
                FROM random.com/debian:12
                """),
            .dockerfile("""
                FROM ubuntu:22.04 AS builder1
                FROM zemanlx/ubuntu:22.04 AS builder2
                FROM docker.io/zemanlx/ubuntu:22.04 AS builder3
                FROM scratch
                """, options: ["trustedRegistries": "docker.io"]),
            .dockerfile("""
                FROM foo.random.com/base:1 AS build
                FROM build AS test
                FROM 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.2
                COPY --from=build /out /out
                COPY --from=0 /out /out2
                RUN --mount=type=cache,target=/root/.cache,from=build make
                """, options: ["trustedRegistries": "*.random.com,*.amazonaws.com"]),
            .dockerfile("""
                ARG BASE=registry.example.com/team/base:1.0
                FROM ${BASE}
                COPY --from=${TOOLS} /bin/tool /bin/tool
                """, options: ["trustedRegistries": "registry.example.com"]),
        ],
        failing: [
            .dockerfile("""
                FROM random.com/debian:12
                """, lines: [1], options: ["trustedRegistries": "docker.io"]),
            .dockerfile("""
                FROM ubuntu:22.04
                FROM zemanlx/ubuntu:22.04
                FROM docker.io/zemanlx/ubuntu:22.04
                """, lines: [1, 2, 3], options: ["trustedRegistries": "trusted.com"]),
            .dockerfile("""
                FROM x.com/debian:12
                """, lines: [1], options: ["trustedRegistries": "*.random.com"]),
            .dockerfile("""
                FROM trusted.com/base:1
                COPY --from=untrusted.com/repo/image:tag /a /b
                RUN --mount=type=bind,from=ghcr.io/org/tools:1,source=/bin/tool,target=/usr/local/bin/tool tool
                """, lines: [2, 3], options: ["trustedRegistries": "trusted.com"]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        let trusted = context.config.trustedRegistries.map { $0.lowercased() }
        guard !trusted.isEmpty else { return [] }
        let message = "Use only an allowed registry in the FROM image"
        var out = DockerfileFindings(subject)
        let dockerfile = subject.dockerfile
        for stage in dockerfile.stages {
            if stage.baseStageIndex == nil, let image = dockerfile.knownBaseImage(of: stage), !Self.isAllowed(image, trusted: trusted) {
                out.fail(message, at: stage.fromInstruction)
            }
            // `COPY --from` and `--mount from=` name an earlier (or this) stage, a stage index, or an image.
            let stageNames = Set(dockerfile.stages[...stage.index].compactMap(\.alias))
            for instruction in stage.instructions {
                var sources: [String] = []
                if let copy = instruction.copy, !copy.isAdd, let from = copy.from { sources.append(from) }
                sources += instruction.run?.mounts.compactMap { $0["from"] } ?? []
                let images = sources.filter { !$0.isStageIndex && !stageNames.contains($0.lowercased()) }.map(ImageReference.init)
                if images.contains(where: { !Self.isAllowed($0, trusted: trusted) }) { out.fail(message, at: instruction) }
            }
        }
        return out.findings
    }

    /// True for `scratch`, a Docker Hub image when Docker Hub is trusted, an image whose registry
    /// matches an entry, and a reference still holding a variable (unknowable before the build).
    static func isAllowed(_ image: ImageReference, trusted: [String]) -> Bool {
        if image.hasVariables { return true }
        guard let registry = image.registry?.lowercased() else {
            return image.isScratch || trusted.contains { matches("docker.io", $0) || matches("hub.docker.com", $0) }
        }
        return trusted.contains { matches(registry, $0) }
    }

    /// hadolint's registry patterns: `*` (anything), `*.suffix`, `prefix*`, or the exact name.
    static func matches(_ registry: String, _ pattern: String) -> Bool {
        if pattern == "*" { return true }
        if pattern.hasPrefix("*") { return registry.hasSuffix(pattern.dropFirst()) }
        if pattern.hasSuffix("*") { return registry.hasPrefix(pattern.dropLast()) }
        return registry == pattern
    }
}
