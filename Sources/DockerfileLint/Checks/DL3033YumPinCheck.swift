import EKSGuardCore

/// hadolint DL3033: `yum install` packages without a version.
struct DL3033YumPinCheck: DockerfileCheck {
    static let message = "Specify version with `yum install -y <package>-<version>`."

    static let metadata = CheckMetadata(
        id: "EKS-DKR-3033",
        title: "yum package version not pinned",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            Without a version, `yum install` takes whatever the repository serves on the day of the \
            build, so two builds of one Dockerfile differ and a broken or compromised update arrives \
            unreviewed. A package is pinned as `name-version[-release]` (a part after a `-` that starts \
            with a digit, such as `tomcat-9.2`, `openssl-1:1.1.1k`, `gcc-c++-1.1.1`) or as an `.rpm` \
            file; `yum module install` needs `module:stream`. A version given as `$VAR` or `${VAR}` \
            counts when VAR is an ARG declared earlier in the file or an ENV of the stage (or of the \
            stage it is built FROM), as update bots write them. Checked in RUN and ONBUILD RUN; unlike \
            hadolint, also sees `sudo yum …` and commands inside `sh -c '…'`, and lets an ONBUILD RUN \
            use the stage's ARGs and ENVs.
            """,
        remediation: "Pin each package: `yum install -y <package>-<version>` (or `module:stream` for modules).",
        references: ["hadolint:DL3033"],
        passing: [
            .dockerfile("FROM centos:7\nRUN yum install -y tomcat-9.2 && yum clean all\n"),
            .dockerfile("FROM centos:7\nRUN yum install -y openssl-1:1.1.1k rpm-sign-4.16.1.3 gcc-c++-1.1.1\n"),
            .dockerfile("FROM centos:7\nRUN yum localinstall -y ./app.rpm && yum install -y https://x.example/pkg.rpm\n"),
            .dockerfile("FROM centos:7\nRUN yum module install -y tomcat:9 && yum clean all\n"),
            .dockerfile("FROM centos:7\nRUN bash -c `# not even a yum command`\n"),
            .dockerfile("FROM fedora:42\nENV version=2.51.0-2.fc42\nRUN yum -y install git-core-${version}\n"),
            .dockerfile("FROM fedora:42\nARG version=2.51.0-2.fc42\nRUN yum -y install git-core-$version\n"),
            .dockerfile("""
                FROM fedora:42 AS build
                ARG version=2.51.0-2.fc42
                FROM fedora:42
                RUN yum -y install git-core-${version}
                """, note: "hadolint counts ARGs file-wide"),
            .dockerfile("""
                FROM fedora:42 AS build
                ENV version=2.51.0-2.fc42
                FROM build
                RUN yum -y install git-core-${version}
                """),
            .dockerfile("FROM centos:7\nONBUILD RUN yum install -y tomcat-9.2 && yum clean all\n"),
        ],
        failing: [
            .dockerfile("FROM centos:7\nRUN yum install -y tomcat && yum clean all\n", lines: [2]),
            .dockerfile("FROM centos:7\nRUN yum install -y python3-devel\n", lines: [2], note: "-devel is no version"),
            .dockerfile("FROM centos:7\nRUN yum module install -y tomcat && yum clean all\n", lines: [2]),
            .dockerfile("FROM centos:7\nONBUILD RUN yum install -y tomcat && yum clean all\n", lines: [2]),
            .dockerfile("""
                FROM fedora:42 AS build
                ENV version=2.51.0-2.fc42
                FROM fedora:42
                RUN yum -y install git-core-${version}
                """, lines: [4], note: "the ENV belongs to an unrelated stage"),
            .dockerfile("FROM centos:7\nRUN yum install -y tomcat-${UNDECLARED}\n", lines: [2]),
            .dockerfile("FROM centos:7\nRUN sudo yum install -y tomcat\n", lines: [2], note: "seen through sudo"),
            .dockerfile("FROM centos:7\nRUN <<EOF\nyum install -y tomcat-9.2 \\\n  httpd\nEOF\n", lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["yum"]) else { return [] }
        var out = DockerfileFindings(subject)
        for (instruction, run, variables) in RunSites.runsWithVariables(in: subject.dockerfile) {
            let installs = run.script.commands.filter { PackageCommands.isCommand($0, of: ["yum"], withAnyOf: ["install"]) }
            if installs.contains(where: { RPMPackage.hasUnpinnedPackage($0, variables: variables) }) {
                out.fail(Self.message, at: instruction)
            }
        }
        return out.findings
    }
}
