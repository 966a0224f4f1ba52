import EKSGuardCore

/// hadolint DL3009: `apt-get update` without removing `/var/lib/apt/lists` in the same `RUN`.
struct DL3009AptListsCleanupCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3009",
        title: "apt lists not deleted after apt-get update",
        practice: .dockerfileLint,
        severity: HadolintLevel.info.severity,
        rationale: """
            `apt-get update` downloads package indexes (tens of megabytes) into `/var/lib/apt/lists`; \
            unless they are removed in the same `RUN` they stay in the layer for good, bloating the \
            image and freezing stale metadata into it. Following hadolint, a `RUN` with `apt-get update` \
            is accepted when it runs `rm -rf` or `rm … /var/lib/apt/lists/*`, or mounts a cache or tmpfs \
            on `/var/lib/apt/lists` (or on both `/var/lib/apt` and `/var/cache/apt`); it is reported only \
            in the last stage or in a stage another one is built from, since other stages do not reach \
            the image; and every `ONBUILD RUN` is checked. Unlike hadolint, any `rm` of a path under \
            `/var/lib/apt/lists` counts as cleanup (`rm -fr /var/lib/apt/lists`), and `apt-get` run through \
            `sudo`, `env` or `xargs`, or inside `sh -c '…'`, is seen as well.
            """,
        remediation: "End the RUN with && rm -rf /var/lib/apt/lists/*, or mount a cache on /var/lib/apt/lists.",
        references: ["hadolint:DL3009"],
        passing: [
            .dockerfile("""
                FROM debian:12
                RUN apt-get update && apt-get install -y --no-install-recommends python3=3.11.2-1+b1 \\
                    && rm -rf /var/lib/apt/lists/*
                """),
            .dockerfile("""
                FROM ubuntu:24.04 AS foo
                RUN apt-get update && apt-get install -y python3=3.12.3-0ubuntu1
                FROM scratch
                RUN echo hey
                """),
            .dockerfile("""
                FROM debian:12
                RUN --mount=type=cache,target=/var/lib/apt/lists \\
                    apt-get update && apt-get install -y python3=3.11.2-1+b1
                RUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt \\
                    rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y curl=7.88.1-10
                RUN apt-get update && apt-get install -y make=4.3-4.1 && rm -fr /var/lib/apt/lists
                """),
        ],
        failing: [
            .dockerfile("""
                FROM scratch
                RUN apt-get update && apt-get install -y python3=3.11.2-1+b1
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN apt update && apt install -y curl
                """, lines: [2], note: "hadolint 2.15 treats `apt update` like `apt-get update`."),
            .dockerfile("""
                FROM ubuntu:24.04 AS foo
                RUN apt-get update && apt-get install -y python3=3.12.3-0ubuntu1
                FROM foo
                RUN echo hey
                """, lines: [2]),
            .dockerfile("""
                FROM ubuntu:24.04 AS foo
                RUN echo hey
                ONBUILD RUN apt-get update && apt-get install -y python3=3.12.3-0ubuntu1
                FROM scratch
                """, lines: [3]),
            .dockerfile("""
                FROM debian:12
                RUN --mount=type=cache,target=/var/cache/apt \\
                    apt-get update && apt-get install -y python3=3.11.2-1+b1
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12 AS base
                RUN apt-get update && apt-get install -y curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*
                FROM base
                RUN apt-get update && apt-get install -y make=4.3-4.1
                """, lines: [4]),
            .dockerfile("""
                FROM debian:12
                RUN <<EOF
                apt-get update
                apt-get install -y python3=3.11.2-1+b1
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["apt-get", "apt"]) else { return [] }
        let dockerfile = subject.dockerfile
        let message = "Delete the apt lists (/var/lib/apt/lists) after installing something"
        var out = DockerfileFindings(subject)
        // Stages whose content reaches the image: the last one and those another stage is built from.
        var reported = Set(dockerfile.stages.compactMap(\.baseStageIndex))
        if let last = dockerfile.stages.last?.index { reported.insert(last) }
        for run in dockerfile.runs(includingTriggers: true) where Self.forgetsCleanup(run.run) {
            // hadolint checks ONBUILD triggers apart from the stages, and instructions before the
            // first FROM only in a file without stages.
            let stage = dockerfile.stage(containing: run.instruction)
            if run.isTrigger || stage.map({ reported.contains($0.index) }) ?? dockerfile.stages.isEmpty {
                out.fail(message, at: run.instruction)
            }
        }
        return out.findings
    }

    /// `apt-get update` with neither a removal of the lists nor a cache mount keeping them out of the layer.
    static func forgetsCleanup(_ run: RunInstruction) -> Bool {
        let commands = run.script.commands
        // hadolint 2.15 counts `apt update` as well as `apt-get update`.
        guard commands.contains(where: { $0.is("apt-get", withAnyArgument: ["update"]) || $0.is("apt", withAnyArgument: ["update"]) }) else { return false }
        let cleans = commands.contains { command in
            command.is("rm", withAnyArgument: ["-rf", "/var/lib/apt/lists/*"])
                || command.is("rm") && command.operands().contains { $0.value.hasPrefix("/var/lib/apt/lists") }
        }
        let mounts = run.cacheMountTargets
        let cached = mounts.contains { $0.hasPrefix("/var/lib/apt/lists") }
            || mounts.contains { $0.hasPrefix("/var/lib/apt") } && mounts.contains { $0.hasPrefix("/var/cache/apt") }
        return !cleans && !cached
    }
}
