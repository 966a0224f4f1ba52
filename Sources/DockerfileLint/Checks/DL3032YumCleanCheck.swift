import EKSGuardCore

/// hadolint DL3032: `yum install` leaves its package cache in the layer unless the RUN cleans it.
struct DL3032YumCleanCheck: DockerfileCheck {
    static let message = "`yum clean all` missing after yum command."

    static let metadata = CheckMetadata(
        id: "EKS-DKR-3032",
        title: "yum cache not cleaned",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            yum keeps downloaded packages and metadata under /var/cache/yum; a later RUN cannot shrink \
            the layer that holds them, so the image carries tens of megabytes of dead weight. A RUN \
            with `yum install` needs `yum clean …` (or `yum … all`) or `rm -rf …` in the same RUN; like \
            hadolint, any `rm -rf` or `rm /var/cache/yum/*` counts and the order is not checked. Unlike \
            hadolint, a cache or tmpfs mount on /var/cache/yum or /var/cache/dnf (where yum on RHEL 8+ \
            keeps it) also passes, because the cache then never reaches the image. Checked in RUN and \
            ONBUILD RUN; unlike hadolint, also sees `sudo yum …` and commands inside `sh -c '…'`.
            """,
        remediation: "End the RUN with `&& yum clean all` (or mount a cache on /var/cache/yum).",
        references: ["hadolint:DL3032", "trivy:AVD-DS-0015"],
        passing: [
            .dockerfile("FROM centos:7\nRUN yum install -y mariadb-10.4 && yum clean all\n"),
            .dockerfile("FROM centos:7\nRUN yum install -y mariadb-10.4 && rm -rf /var/cache/yum/*\n"),
            .dockerfile("FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y mariadb-10.4\n"),
            .dockerfile("FROM centos:7\nRUN bash -c `# not even a yum command`\n"),
            .dockerfile("FROM centos:7\nONBUILD RUN yum install -y mariadb-10.4 && yum clean all\n"),
            .dockerfile("FROM centos:7\nRUN <<EOF\nyum install -y mariadb-10.4\nyum clean all\nEOF\n"),
        ],
        failing: [
            .dockerfile("FROM centos:7\nRUN yum install -y mariadb-10.4\n", lines: [2]),
            .dockerfile("FROM centos:7\nONBUILD RUN yum install -y mariadb-10.4\n", lines: [2]),
            .dockerfile("FROM centos:7\nRUN --mount=type=cache,target=/root/.cache yum install -y mariadb-10.4\n", lines: [2]),
            .dockerfile("FROM centos:7\nRUN sudo yum install -y mariadb-10.4\n", lines: [2], note: "seen through sudo"),
            .dockerfile("FROM centos:7\nRUN <<EOF\nyum install -y mariadb-10.4\nEOF\n", lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["yum"]) else { return [] }
        var out = DockerfileFindings(subject)
        RunSites.fail(&out, Self.message) { run in
            let commands = run.script.commands
            guard commands.contains(where: { PackageCommands.isCommand($0, of: ["yum"], withAnyOf: ["install"]) }),
                !RunSites.hasCacheMount(run, containingAny: ["/var/cache/yum", "/var/cache/dnf"])
            else { return false }
            return !commands.contains {
                PackageCommands.isCommand($0, of: ["yum"], withAnyOf: ["clean", "all"]) || PackageCommands.isRPMCacheRemoval($0)
            }
        }
        return out.findings
    }
}
