import EKSGuardCore

/// hadolint DL3040: dnf / microdnf leave their package cache in the layer unless the RUN cleans it.
struct DL3040DnfCleanCheck: DockerfileCheck {
    static let message = "`dnf clean all` missing after dnf command."

    /// Sub-commands that fill the cache (hadolint's newest list).
    static let installVerbs: Set<String> = ["install", "in", "upgrade", "up", "upgrade-minimal", "up-min", "reinstall", "rei"]

    static let metadata = CheckMetadata(
        id: "EKS-DKR-3040",
        title: "dnf cache not cleaned",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            dnf and microdnf keep downloaded packages and repository metadata in the layer of the RUN \
            that installed them; a later RUN cannot shrink it. After the last `install`, `upgrade`, \
            `upgrade-minimal` or `reinstall` (and their short forms) of dnf, the same RUN needs a later \
            `dnf clean …` (for microdnf, `microdnf clean …`; the tools are checked separately) or an \
            `rm -rf …`. A cache or tmpfs mount on the cache passes: like hadolint for libdnf5's cache, \
            and unlike hadolint also for /var/cache/dnf and /var/cache/yum, where dnf 4 and microdnf \
            keep it. Checked in RUN and ONBUILD RUN; unlike hadolint, also sees `sudo dnf …` and \
            commands inside `sh -c '…'`.
            """,
        remediation: "End the RUN with `&& dnf clean all` (`microdnf clean all` for microdnf), or mount a cache on the dnf cache directory.",
        references: ["hadolint:DL3040", "trivy:AVD-DS-0019", "trivy:AVD-DS-0027"],
        passing: [
            .dockerfile("FROM fedora:40\nRUN dnf install -y mariadb-10.4 && dnf clean all\n"),
            .dockerfile("FROM fedora:40\nRUN microdnf install -y mariadb-10.4 && microdnf clean all\n"),
            .dockerfile("FROM fedora:40\nRUN dnf install -y mariadb-10.4 && rm -rf /var/cache/yum/*\n"),
            .dockerfile("FROM fedora:40\nRUN notdnf install mariadb\n"),
            .dockerfile("FROM fedora:41\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y mariadb-10.4\n"),
            .dockerfile("FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf -y upgrade\n"),
            .dockerfile("FROM fedora:40\nONBUILD RUN dnf install -y mariadb-10.4 && dnf clean all\n"),
            .dockerfile("FROM fedora:40\nRUN <<EOF\ndnf -y upgrade\ndnf clean all\nEOF\n"),
        ],
        failing: [
            .dockerfile("FROM fedora:40\nRUN dnf install -y mariadb-10.4\n", lines: [2]),
            .dockerfile("FROM fedora:40\nRUN microdnf install -y mariadb-10.4\n", lines: [2]),
            .dockerfile("FROM fedora:40\nRUN dnf -y upgrade\n", lines: [2]),
            .dockerfile("FROM fedora:40\nRUN dnf install -y mariadb-10.4 && microdnf clean all\n", lines: [2], note: "wrong tool"),
            .dockerfile("FROM fedora:40\nRUN microdnf clean all && microdnf install -y mariadb-10.4\n", lines: [2], note: "clean before install"),
            .dockerfile("FROM fedora:40\nRUN --mount=type=cache,target=/var/lib/foo dnf install -y mariadb-10.4\n", lines: [2]),
            .dockerfile("FROM fedora:40\nONBUILD RUN dnf install -y mariadb-10.4\n", lines: [2]),
            .dockerfile("FROM fedora:40\nRUN sudo dnf install -y mariadb-10.4\n", lines: [2], note: "seen through sudo"),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["dnf", "microdnf"]) else { return [] }
        var out = DockerfileFindings(subject)
        RunSites.fail(&out, Self.message) { run in
            if RunSites.hasCacheMount(run, containingAny: ["/var/cache/libdnf5", ".cache/libdnf5", "/var/cache/dnf", "/var/cache/yum"]) {
                return false
            }
            return ["dnf", "microdnf"].contains { Self.leavesCache(run.script.commands, tool: $0) }
        }
        return out.findings
    }

    /// True when the tool's last cache-filling command is not followed by its own clean or an `rm` cleanup.
    static func leavesCache(_ commands: [Command], tool: String) -> Bool {
        guard let lastInstall = commands.lastIndex(where: { PackageCommands.isCommand($0, of: [tool], withAnyOf: installVerbs) }) else {
            return false
        }
        return !commands[(lastInstall + 1)...].contains {
            PackageCommands.isCommand($0, of: [tool], withAnyOf: ["clean", "all"]) || PackageCommands.isRPMCacheRemoval($0)
        }
    }
}
