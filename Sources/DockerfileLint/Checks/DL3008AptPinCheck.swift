import EKSGuardCore

/// hadolint DL3008: `apt-get install` without package versions.
struct DL3008AptPinCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3008",
        title: "apt-get install without versions",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            Without `package=version` every build installs whatever the mirror holds that day, so the \
            image changes (and can break or regress) without any change to the Dockerfile, and a scan \
            result cannot be tied to a build. As in hadolint, a package counts as pinned when it has \
            `=`, names a release or path with `/`, or is a `.deb` file; the value of `-t` / \
            `--target-release` is not a package; only `apt-get` is checked, and `ONBUILD RUN` too. \
            Unlike hadolint, `apt-get` run through `sudo`, `env` or `xargs`, or inside `sh -c '…'`, is \
            seen as well, and the value of an option written `--option=value` does not swallow the next word.
            """,
        remediation: "Pin each package: apt-get install -y curl=7.88.1-10+deb12u5.",
        references: ["hadolint:DL3008"],
        passing: [
            .dockerfile("""
                FROM debian:12
                RUN apt-get update && apt-get install -y --no-install-recommends nodejs=18.19.0+dfsg-6 'python3-demjson=2.2.4*' git=1:2.39.2*
                RUN apt-get install -y ./wkhtmltox_0.12.6-1.bookworm_amd64.deb
                RUN apt-get install -y -t bookworm-backports openjdk-17-jdk=17.0.11+9-1~bpo12+1
                RUN apt-get -o Dpkg::Options::=--force-confold install -y curl/bookworm-backports
                RUN apt install -y curl
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                RUN apt-get update && apt-get install -y python3
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN apt-get install -y \\
                      curl=7.88.1-10 \\
                      ca-certificates
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                ONBUILD RUN apt-get install -y python3
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN ["apt-get", "install", "-y", "python3"]
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN cat packages.txt | xargs apt-get install -y
                RUN env DEBIAN_FRONTEND=noninteractive apt-get install -y python3
                """, lines: [3]),
            .dockerfile("""
                FROM debian:12
                RUN sudo apt-get install -y python3 && sh -c 'apt-get install -y make'
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN <<EOF
                apt-get update
                apt-get install -y curl
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["apt-get"]) else { return [] }
        return subject.commandFindings(
            "Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`",
            includingTriggers: true
        ) { command in
            command.aptGetInstallPackages?.contains { !PackagePin.apt($0.value) } ?? false
        }
    }
}
