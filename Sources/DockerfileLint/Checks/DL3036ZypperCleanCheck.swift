import EKSGuardCore

/// hadolint DL3036: `zypper install` leaves its package cache in the layer unless the RUN cleans it.
struct DL3036ZypperCleanCheck: DockerfileCheck {
    static let message = "`zypper clean` missing after zypper use."

    static let metadata = CheckMetadata(
        id: "EKS-DKR-3036",
        title: "zypper cache not cleaned",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            zypper keeps repository metadata and packages under /var/cache/zypp; a later RUN cannot \
            shrink the layer that holds them. A RUN with `zypper install` (or `in`) needs `zypper clean` \
            (or `cc`) in the same RUN, in any order as in hadolint, unless a cache or tmpfs mount covers \
            /var/cache/zypp. Checked in RUN and ONBUILD RUN; unlike hadolint, also sees `sudo zypper …` \
            and commands inside `sh -c '…'`.
            """,
        remediation: "End the RUN with `&& zypper clean -a` (or mount a cache on /var/cache/zypp).",
        references: ["hadolint:DL3036", "trivy:AVD-DS-0020"],
        passing: [
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper install -y mariadb=10.4 && zypper clean\n"),
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper install -y mariadb=10.4 && zypper cc\n"),
            .dockerfile("FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/zypp zypper install -y mariadb=10.4\n"),
            .dockerfile("FROM opensuse/leap:15.6\nONBUILD RUN zypper in -y mariadb=10.4 && zypper clean -a\n"),
        ],
        failing: [
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper install -y mariadb=10.4\n", lines: [2]),
            .dockerfile("FROM opensuse/leap:15.6\nONBUILD RUN zypper install -y mariadb=10.4\n", lines: [2]),
            .dockerfile("FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/tmp zypper in -y mariadb=10.4\n", lines: [2]),
            .dockerfile("FROM opensuse/leap:15.6\nRUN sudo zypper install -y mariadb=10.4\n", lines: [2], note: "seen through sudo"),
            .dockerfile("FROM opensuse/leap:15.6\nRUN <<EOF\nzypper install -y mariadb=10.4\nEOF\n", lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["zypper"]) else { return [] }
        var out = DockerfileFindings(subject)
        RunSites.fail(&out, Self.message) { run in
            let commands = run.script.commands
            guard commands.contains(where: { PackageCommands.isCommand($0, of: ["zypper"], withAnyOf: ["install", "in"]) }),
                !RunSites.hasCacheMount(run, containingAny: ["/var/cache/zypp"])
            else { return false }
            return !commands.contains { PackageCommands.isCommand($0, of: ["zypper"], withAnyOf: ["clean", "cc"]) }
        }
        return out.findings
    }
}
