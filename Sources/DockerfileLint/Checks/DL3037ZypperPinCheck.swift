import EKSGuardCore

/// hadolint DL3037: `zypper install` packages without a version.
struct DL3037ZypperPinCheck: DockerfileCheck {
    static let message = "Specify version with `zypper install -y <package>=<version>`."

    static let metadata = CheckMetadata(
        id: "EKS-DKR-3037",
        title: "zypper package version not pinned",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            Without a version, `zypper install` takes whatever the repository serves on the day of the \
            build, so two builds of one Dockerfile differ and a broken or compromised update arrives \
            unreviewed. Each package of `zypper install` (or `in`) needs `=`, `>` or `<` with a version \
            (`tomcat=9.0.39`, `'tomcat>=9.0'`) or must be an `.rpm` file. As in hadolint, every \
            non-option word counts, including the value of an option written as a separate word. \
            Checked in RUN and ONBUILD RUN; unlike hadolint, also sees `sudo zypper …` and commands \
            inside `sh -c '…'`.
            """,
        remediation: "Pin each package: `zypper install -y <package>=<version>`.",
        references: ["hadolint:DL3037"],
        passing: [
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper install -y tomcat=9.0.39 && zypper clean\n"),
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper install -y tomcat\\>=9.0 'httpd<2.5'\n"),
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper in -y tomcat-9.0.39-1.rpm\n"),
            .dockerfile("FROM opensuse/leap:15.6\nONBUILD RUN zypper install -y tomcat=9.0.39\n"),
        ],
        failing: [
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper install -y tomcat && zypper clean\n", lines: [2]),
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper in -y tomcat=9.0.39 httpd\n", lines: [2]),
            .dockerfile("FROM opensuse/leap:15.6\nONBUILD RUN zypper install -y tomcat\n", lines: [2]),
            .dockerfile("FROM opensuse/leap:15.6\nRUN sudo zypper install -y tomcat\n", lines: [2], note: "seen through sudo"),
            .dockerfile("FROM opensuse/leap:15.6\nRUN <<EOF\nzypper install -y tomcat\nEOF\n", lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["zypper"]) else { return [] }
        var out = DockerfileFindings(subject)
        RunSites.fail(&out, Self.message) { run in
            run.script.commands.contains { command in
                PackageCommands.isCommand(command, of: ["zypper"], withAnyOf: ["install", "in"])
                    && PackageCommands.packageWords(command, excluding: ["install", "in"]).contains { !Self.isPinned($0.value) }
            }
        }
        return out.findings
    }

    static func isPinned(_ package: String) -> Bool {
        package.contains(where: { "=<>".contains($0) }) || package.hasSuffix(".rpm")
    }
}
