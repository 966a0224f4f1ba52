import EKSGuardCore

/// hadolint DL3035: `zypper dist-upgrade` in a Dockerfile.
struct DL3035ZypperDistUpgradeCheck: DockerfileCheck {
    static let message = "Do not use `zypper dist-upgrade`."

    static let metadata = CheckMetadata(
        id: "EKS-DKR-3035",
        title: "zypper dist-upgrade",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            `zypper dist-upgrade` moves the image to whatever distribution release the repositories \
            serve at build time, so the result depends on the day of the build and may no longer match \
            the tagged base image; updating means choosing a newer base image instead. Checked in RUN \
            and ONBUILD RUN for `dist-upgrade` and `dup`; unlike hadolint, also sees `sudo zypper …` and \
            commands inside `sh -c '…'`.
            """,
        remediation: "Remove `zypper dist-upgrade` and use a newer base image tag, or install specific package versions.",
        references: ["hadolint:DL3035"],
        passing: [
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper -n install httpd=2.4.46 && zypper clean\n"),
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper -n update\n"),
        ],
        failing: [
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper dist-upgrade\n", lines: [2]),
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper -n dup && zypper clean\n", lines: [2]),
            .dockerfile("FROM opensuse/leap:15.6\nONBUILD RUN zypper dup\n", lines: [2]),
            .dockerfile("FROM opensuse/leap:15.6\nRUN sh -c 'zypper -n dup'\n", lines: [2], note: "inside sh -c"),
            .dockerfile("FROM opensuse/leap:15.6\nRUN <<EOF\nzypper -n dist-upgrade\nEOF\n", lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["zypper"]) else { return [] }
        var out = DockerfileFindings(subject)
        RunSites.fail(&out, Self.message) { run in
            run.script.commands.contains { PackageCommands.isCommand($0, of: ["zypper"], withAnyOf: ["dist-upgrade", "dup"]) }
        }
        return out.findings
    }
}
