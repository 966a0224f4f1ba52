import EKSGuardCore

/// hadolint DL3030: `yum install` without `-y` waits for an answer no build can give.
struct DL3030YumYesCheck: DockerfileCheck {
    static let message = "Use the -y switch to avoid manual input `yum install -y <package>`"

    static let metadata = CheckMetadata(
        id: "EKS-DKR-3030",
        title: "yum install without -y",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            A build has no terminal: yum asks for confirmation and, reading end of input, aborts the \
            transaction, so the build fails or depends on yum's defaults. `install`, `groupinstall` and \
            `localinstall` need `-y` (or `--assumeyes`). Checked in RUN and ONBUILD RUN; unlike hadolint, \
            also sees `sudo yum …` and commands inside `sh -c '…'`. The message keeps hadolint's text, \
            missing `>` included, because users match on it.
            """,
        remediation: "Add -y to the yum command: `yum install -y <package>`.",
        references: ["hadolint:DL3030"],
        passing: [
            .dockerfile("FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n"),
            .dockerfile("FROM centos:7\nRUN yum -y groupinstall 'Development Tools'\n"),
            .dockerfile("FROM centos:7\nRUN yum --assumeyes localinstall ./pkg-1.0.rpm\n"),
            .dockerfile("FROM centos:7\nRUN yum clean all && yum makecache\n", note: "no install"),
            .dockerfile("FROM centos:7\nRUN notyum install httpd\n"),
        ],
        failing: [
            .dockerfile("FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n", lines: [2]),
            .dockerfile("FROM centos:7\nRUN yum groupinstall 'Development Tools'\n", lines: [2]),
            .dockerfile("FROM centos:7\nRUN yum localinstall ./pkg-1.0.rpm\n", lines: [2]),
            .dockerfile("FROM centos:7\nONBUILD RUN yum install httpd-2.4.6\n", lines: [2]),
            .dockerfile("FROM centos:7\nRUN sudo yum install httpd-2.4.6\n", lines: [2], note: "seen through sudo"),
            .dockerfile("FROM centos:7\nRUN sh -c 'yum install httpd-2.4.6'\n", lines: [2], note: "inside sh -c"),
            .dockerfile("FROM centos:7\nRUN <<EOF\nset -e\nyum install httpd-2.4.6\nEOF\n", lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["yum"]) else { return [] }
        var out = DockerfileFindings(subject)
        RunSites.fail(&out, Self.message) { run in
            run.script.commands.contains { PackageCommands.isUnconfirmedRPMInstall($0, by: ["yum"]) }
        }
        return out.findings
    }
}
