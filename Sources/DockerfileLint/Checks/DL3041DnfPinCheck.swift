import EKSGuardCore

/// hadolint DL3041: `dnf install` / `microdnf install` packages without a version.
struct DL3041DnfPinCheck: DockerfileCheck {
    static let message = "Specify version with `dnf install -y <package>-<version>`."

    static let metadata = CheckMetadata(
        id: "EKS-DKR-3041",
        title: "dnf package version not pinned",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            Without a version, `dnf install` takes whatever the repository serves on the day of the \
            build, so two builds of one Dockerfile differ and a broken or compromised update arrives \
            unreviewed. A package is pinned as `name-version[-release]` (a part after a `-` that starts \
            with a digit, such as `tomcat-9.0.1`, `openssl-1:1.1.1k`) or as an `.rpm` file; \
            `dnf module install` needs `module:stream`; `dnf group install` is not checked. A version \
            given as `$VAR` or `${VAR}` counts when VAR is an ARG declared earlier in the file or an ENV \
            of the stage (or of the stage it is built FROM). Applies to dnf and microdnf, in RUN and \
            ONBUILD RUN; unlike hadolint, also sees `sudo dnf …` and commands inside `sh -c '…'`, and \
            lets an ONBUILD RUN use the stage's ARGs and ENVs.
            """,
        remediation: "Pin each package: `dnf install -y <package>-<version>` (or `module:stream` for modules).",
        references: ["hadolint:DL3041"],
        passing: [
            .dockerfile("FROM fedora:40\nRUN dnf install -y tomcat-9.0.1 && dnf clean all\n"),
            .dockerfile("FROM fedora:40\nRUN microdnf install -y tomcat-9.0.1 rpm-sign-4.16.1.3 openssl-1:1.1.1k\n"),
            .dockerfile("FROM fedora:40\nRUN notdnf install tomcat\n"),
            .dockerfile("FROM fedora:40\nRUN dnf module install -y tomcat:9 && dnf clean all\n"),
            .dockerfile("FROM fedora:40\nRUN dnf group install -y 'Development Tools'\n"),
            .dockerfile("FROM fedora:40\nARG TOMCAT_VERSION=9.0.1\nRUN dnf install -y tomcat-${TOMCAT_VERSION}\n"),
            .dockerfile("FROM fedora:40\nONBUILD RUN dnf install -y tomcat-9.0.1 && dnf clean all\n"),
        ],
        failing: [
            .dockerfile("FROM fedora:40\nRUN dnf install -y tomcat && dnf clean all\n", lines: [2]),
            .dockerfile("FROM fedora:40\nRUN microdnf install -y tomcat && microdnf clean all\n", lines: [2]),
            .dockerfile("FROM fedora:40\nRUN dnf module install -y tomcat && dnf clean all\n", lines: [2]),
            .dockerfile("FROM fedora:40\nRUN microdnf module install -y tomcat\n", lines: [2]),
            .dockerfile("FROM fedora:40\nONBUILD RUN dnf install -y tomcat && dnf clean all\n", lines: [2]),
            .dockerfile("FROM fedora:40\nRUN dnf install -y rpm-sign\n", lines: [2]),
            .dockerfile("FROM fedora:40\nRUN dnf install -y tomcat-$TOMCAT_VERSION\n", lines: [2], note: "the variable is not declared"),
            .dockerfile("FROM fedora:40\nRUN <<EOF\ndnf install -y tomcat\nEOF\n", lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["dnf", "microdnf"]) else { return [] }
        var out = DockerfileFindings(subject)
        for (instruction, run, variables) in RunSites.runsWithVariables(in: subject.dockerfile) {
            let installs = run.script.commands.filter {
                PackageCommands.isCommand($0, of: ["dnf", "microdnf"], withAnyOf: ["install"]) && !$0.hasArgument("group")
            }
            if installs.contains(where: { RPMPackage.hasUnpinnedPackage($0, variables: variables) }) {
                out.fail(Self.message, at: instruction)
            }
        }
        return out.findings
    }
}
