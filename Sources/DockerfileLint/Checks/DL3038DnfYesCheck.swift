import EKSGuardCore

/// hadolint DL3038: `dnf install` / `microdnf install` without `-y`.
struct DL3038DnfYesCheck: DockerfileCheck {
    static let message = "Use the -y switch to avoid manual input `dnf install -y <package>`"

    static let metadata = CheckMetadata(
        id: "EKS-DKR-3038",
        title: "dnf install without -y",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            A build has no terminal: dnf asks for confirmation and aborts the transaction when nobody \
            answers, so the build fails. `install`, `groupinstall` and `localinstall` of dnf and microdnf \
            need `-y` (or `--assumeyes`). Checked in RUN and ONBUILD RUN; unlike hadolint, also sees \
            `sudo dnf …` and commands inside `sh -c '…'`.
            """,
        remediation: "Add -y to the dnf command: `dnf install -y <package>`.",
        references: ["hadolint:DL3038"],
        passing: [
            .dockerfile("FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n"),
            .dockerfile("FROM fedora:40\nRUN microdnf --assumeyes install httpd-2.4.62\n"),
            .dockerfile("FROM fedora:40\nRUN notdnf install httpd\n"),
            .dockerfile("FROM fedora:40\nONBUILD RUN dnf -y groupinstall 'Development Tools'\n"),
        ],
        failing: [
            .dockerfile("FROM fedora:40\nRUN dnf install httpd-2.4.62 && dnf clean all\n", lines: [2]),
            .dockerfile("FROM fedora:40\nRUN microdnf install httpd-2.4.62\n", lines: [2]),
            .dockerfile("FROM fedora:40\nRUN dnf localinstall ./pkg-1.0.rpm\n", lines: [2]),
            .dockerfile("FROM fedora:40\nONBUILD RUN dnf groupinstall 'Development Tools'\n", lines: [2]),
            .dockerfile("FROM fedora:40\nRUN sh -c 'dnf install httpd-2.4.62'\n", lines: [2], note: "inside sh -c"),
            .dockerfile("FROM fedora:40\nRUN <<EOF\ndnf install httpd-2.4.62\nEOF\n", lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["dnf", "microdnf"]) else { return [] }
        var out = DockerfileFindings(subject)
        RunSites.fail(&out, Self.message) { run in
            run.script.commands.contains { PackageCommands.isUnconfirmedRPMInstall($0, by: ["dnf", "microdnf"]) }
        }
        return out.findings
    }
}
