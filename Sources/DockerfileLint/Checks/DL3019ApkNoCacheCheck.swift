import EKSGuardCore

/// hadolint DL3019: `apk add` without `--no-cache`.
struct DL3019ApkNoCacheCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3019",
        title: "apk add without --no-cache",
        practice: .dockerfileLint,
        severity: HadolintLevel.info.severity,
        rationale: """
            Without `--no-cache`, `apk add` stores the package index in `/var/cache/apk` and it stays in \
            the layer unless removed in the same step. `--no-cache` fetches a fresh index and keeps \
            nothing, so `apk update` and cleanup become unnecessary. As in hadolint, a cache or tmpfs \
            mount on `/var/cache/apk` is accepted instead, and `ONBUILD RUN` is checked too. Unlike \
            hadolint, `apk` run through `sudo`, `env` or `xargs`, or inside `sh -c '…'`, is seen as well.
            """,
        remediation: "Add --no-cache: apk add --no-cache <package>.",
        references: ["hadolint:DL3019", "trivy:AVD-DS-0025"],
        passing: [
            .dockerfile("""
                FROM alpine:3.20
                RUN apk add --no-cache flex=2.6.4-r6
                RUN --mount=type=cache,target=/var/cache/apk apk add -U curl=8.9.1-r0
                RUN --mount=type=cache,target=/var/cache/foo apk add --no-cache -U curl=8.9.1-r0
                """),
        ],
        failing: [
            .dockerfile("""
                FROM alpine:3.20
                RUN apk add flex=2.6.4-r6
                """, lines: [2]),
            .dockerfile("""
                FROM alpine:3.20
                RUN --mount=type=cache,target=/var/cache/foo apk add -U curl=8.9.1-r0
                """, lines: [2]),
            .dockerfile("""
                FROM alpine:3.20
                ONBUILD RUN apk add flex=2.6.4-r6
                """, lines: [2]),
            .dockerfile("""
                FROM alpine:3.20
                RUN <<EOF
                apk update
                apk add curl=8.9.1-r0
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["apk"]) else { return [] }
        return subject.runFindings(
            "Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages",
            includingTriggers: true
        ) { run in
            !run.run.cacheMountTargets.contains { $0.contains("/var/cache/apk") }
                && run.commands.contains { $0.isApkAdd && !$0.hasFlag("--no-cache") }
        }
    }
}
