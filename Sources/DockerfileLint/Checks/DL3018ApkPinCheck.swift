import EKSGuardCore

/// hadolint DL3018: `apk add` without package versions.
struct DL3018ApkPinCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3018",
        title: "apk add without versions",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            Without `package=version` every build installs whatever the Alpine mirror holds that day, \
            so the image changes without any change to the Dockerfile and a scan result cannot be tied \
            to a build. As in hadolint, `=` and `~` constraints and `.apk` files count as pinned, the \
            values of `--virtual`/`-t` and `--repository`/`-X` are not packages, and `ONBUILD RUN` is \
            checked too. Unlike hadolint, the values of apk's other value options (`--root`, `--arch`, \
            `--cache-dir`, …) are not packages either, an option written `--option=value` does not \
            swallow the next word, and `apk` run through `sudo`, `env` or `xargs`, or inside \
            `sh -c '…'`, is seen as well.
            """,
        remediation: "Pin each package: apk add --no-cache curl=8.9.1-r0 (or curl~8.9).",
        references: ["hadolint:DL3018"],
        passing: [
            .dockerfile("""
                FROM alpine:3.20
                RUN apk add --no-cache flex=2.6.4-r6 git~2.45
                RUN apk add --virtual build-dependencies \\
                      python3-dev=3.12.3-r1 build-base=0.5-r3 \\
                    && pip install -r requirements.txt \\
                    && apk del build-dependencies
                RUN apk add --no-cache --repository https://dl-cdn.alpinelinux.org/alpine/edge/testing flow=0.78.0-r0
                RUN apk add --no-cache -X https://dl-cdn.alpinelinux.org/alpine/edge/testing flow=0.78.0-r0
                RUN apk add mypackage-1.1.1.apk
                """),
        ],
        failing: [
            .dockerfile("""
                FROM alpine:3.20
                RUN apk add flex
                """, lines: [2]),
            .dockerfile("""
                FROM alpine:3.20
                RUN apk add --no-cache \\
                      flex=2.6.4-r6 \\
                      libffi \\
                      libbz2=1.0.8-r6
                """, lines: [2]),
            .dockerfile("""
                FROM alpine:3.20
                ONBUILD RUN apk add curl
                """, lines: [2]),
            .dockerfile("""
                FROM alpine:3.20
                RUN apk add --virtual=.build-deps gcc
                """, lines: [2]),
            .dockerfile("""
                FROM alpine:3.20
                RUN <<EOF
                apk add --no-cache curl
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["apk"]) else { return [] }
        return subject.commandFindings(
            "Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`", includingTriggers: true
        ) { command in
            command.apkAddPackages?.contains { !PackagePin.apk($0.value) } ?? false
        }
    }
}
