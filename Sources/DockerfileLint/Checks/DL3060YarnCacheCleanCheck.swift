import EKSGuardCore

/// hadolint DL3060: `yarn install` leaves yarn's package cache in the layer.
struct DL3060YarnCacheCleanCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3060",
        title: "yarn cache not cleaned",
        practice: .dockerfileLint,
        severity: HadolintLevel.info.severity,
        rationale: """
            `yarn install` keeps a copy of every package in its cache; unless `yarn cache clean` runs later in \
            the same RUN, that copy ships in the layer and can double the size of node_modules. A BuildKit \
            cache or tmpfs mount on the yarn cache (target containing `.cache/yarn`) keeps it out of the \
            image and passes too. As in hadolint, a RUN is reported only in the final stage or in a stage \
            another stage is built FROM (a builder stage whose files are copied selectively does not ship \
            its cache), and always in `ONBUILD RUN`, whose stage is not known. Unlike hadolint, also sees \
            `sudo yarn …` and `sh -c '…'`.
            """,
        remediation: "Append && yarn cache clean to the RUN that runs yarn install, or mount a cache: RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install.",
        references: ["hadolint:DL3060"],
        passing: [
            .dockerfile("""
                FROM node:20
                RUN foo
                """),
            .dockerfile("""
                FROM node:20
                RUN yarn install bar && yarn cache clean
                """),
            .dockerfile("""
                FROM node:20
                RUN --mount=type=cache,target=/root/.cache/yarn yarn install foobar
                """),
            .dockerfile("""
                FROM node:20
                RUN --mount=type=tmpfs,target=/home/node/.cache/yarn yarn install foobar
                """),
            .dockerfile("""
                FROM node:lts-alpine AS foo
                RUN yarn install foo
                FROM scratch
                RUN hey!
                """, note: "a stage nothing is built FROM"),
            .dockerfile("""
                FROM node:lts-alpine AS foo
                RUN yarn install && yarn cache clean
                FROM foo
                RUN hey!
                """),
            .dockerfile("""
                FROM node:20
                ONBUILD RUN yarn install && yarn cache clean
                """),
            .dockerfile("""
                FROM node:20
                RUN <<EOF
                yarn install --frozen-lockfile
                yarn cache clean
                EOF
                """),
        ],
        failing: [
            .dockerfile("""
                FROM node:20
                RUN yarn install foo
                """, lines: [2]),
            .dockerfile("""
                FROM node:20
                RUN yarn cache clean && yarn install foo
                """, lines: [2], note: "the clean must come after the install"),
            .dockerfile("""
                FROM node:20
                RUN --mount=type=cache,target=/var/lib/foobar yarn install foobar
                """, lines: [2]),
            .dockerfile("""
                FROM node:lts-alpine AS foo
                RUN hey!
                FROM scratch
                RUN yarn install
                """, lines: [4]),
            .dockerfile("""
                FROM node:lts-alpine AS foo
                RUN yarn install
                FROM foo
                RUN hey!
                """, lines: [2], note: "a stage another stage builds on"),
            .dockerfile("""
                FROM node:lts-alpine AS foo
                ONBUILD RUN yarn install foo
                FROM scratch
                """, lines: [2], note: "ONBUILD RUN is always checked"),
            .dockerfile("""
                FROM node:20
                RUN <<EOF
                yarn install --frozen-lockfile
                yarn build
                EOF
                """, lines: [2]),
            .dockerfile("""
                FROM node:20
                RUN sh -c 'yarn install --frozen-lockfile'
                """, lines: [2]),
        ]
    )

    static let message = "`yarn cache clean` missing after `yarn install` was run."

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["yarn"]) else { return [] }
        let dockerfile = subject.dockerfile
        let builtOn = Set(dockerfile.stages.compactMap(\.baseStageIndex))
        var out = DockerfileFindings(subject)
        for site in dockerfile.runs(includingTriggers: true) where Self.leavesCache(site.run) {
            let shipped = site.isTrigger || dockerfile.stage(containing: site.instruction).map {
                $0.index == dockerfile.stages.count - 1 || builtOn.contains($0.index)
            } ?? true
            if shipped { out.fail(Self.message, at: site.instruction) }
        }
        return out.findings
    }

    /// A `yarn install` with no yarn cache clean after it and no cache mount on the yarn cache.
    static func leavesCache(_ run: RunInstruction) -> Bool {
        guard !run.hasCacheOrTmpfsMount(containing: ".cache/yarn") else { return false }
        let commands = run.script.commands
        guard let install = commands.lastIndex(where: { $0.is("yarn") && $0.hasArgument("install") }) else { return false }
        return !commands[(install + 1)...].contains { $0.is("yarn") && ($0.hasArgument("cache") || $0.hasArgument("clean")) }
    }
}
