import EKSGuardCore

/// hadolint DL3034: zypper changing packages without `-n` / `-y`.
struct DL3034ZypperNonInteractiveCheck: DockerfileCheck {
    static let message = "Non-interactive switch missing from `zypper` command: `zypper install -y`"

    static let metadata = CheckMetadata(
        id: "EKS-DKR-3034",
        title: "zypper without non-interactive switch",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            A build has no terminal: zypper asks for confirmation and gives up when nobody answers, so \
            the build fails. `install`, `remove`, `source-install`, `patch` (and `in`, `rm`, `si`) need \
            `-n`/`--non-interactive` or `-y`/`--no-confirm`. Checked in RUN and ONBUILD RUN; unlike \
            hadolint, also sees `sudo zypper …` and commands inside `sh -c '…'`.
            """,
        remediation: "Add -n (before the command) or -y: `zypper -n install <package>`.",
        references: ["hadolint:DL3034"],
        passing: [
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.46 && zypper clean\n"),
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper --non-interactive in httpd=2.4.46\n"),
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper -n rm httpd\n"),
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper patch --no-confirm\n"),
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper refresh\n"),
        ],
        failing: [
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper install httpd=2.4.46 && zypper clean\n", lines: [2]),
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper remove httpd\n", lines: [2]),
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper si httpd\n", lines: [2]),
            .dockerfile("FROM opensuse/leap:15.6\nRUN zypper patch\n", lines: [2]),
            .dockerfile("FROM opensuse/leap:15.6\nONBUILD RUN zypper in httpd=2.4.46\n", lines: [2]),
            .dockerfile("FROM opensuse/leap:15.6\nRUN sudo zypper install httpd=2.4.46\n", lines: [2], note: "seen through sudo"),
            .dockerfile("FROM opensuse/leap:15.6\nRUN <<EOF\nzypper install httpd=2.4.46\nEOF\n", lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["zypper"]) else { return [] }
        var out = DockerfileFindings(subject)
        RunSites.fail(&out, Self.message) { run in
            run.script.commands.contains {
                PackageCommands.isCommand($0, of: ["zypper"], withAnyOf: ["install", "in", "remove", "rm", "source-install", "si", "patch"])
                    && !$0.hasAnyFlag(["non-interactive", "n", "no-confirm", "y"])
            }
        }
        return out.findings
    }
}
