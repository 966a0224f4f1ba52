import EKSGuardCore

/// hadolint DL3016: `npm install <package>` without versions.
struct DL3016NpmPinCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3016",
        title: "npm install without versions",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            `npm install <package>` without a version takes the newest release at build time: builds \
            are not reproducible, and a hijacked package version reaches the image at the next rebuild. \
            As in hadolint, `name@version` (also scoped, `@org/name@version`), git URLs with `#ref`, \
            tarballs and local folders count as pinned; a bare `npm install` (from `package.json`) and \
            `npm ci` are fine; the values of `--loglevel` and `--registry` are not packages; and \
            `ONBUILD RUN` is checked too. Unlike hadolint, npm run through `sudo`, `env` or `xargs`, or \
            inside `sh -c '…'`, is seen as well.
            """,
        remediation: "Pin each package (npm install express@4.19.2), or install from a lockfile with npm ci.",
        references: ["hadolint:DL3016"],
        passing: [
            .dockerfile("""
                FROM node:20
                RUN npm install && npm install --progress=false
                RUN npm install express@4.1.1 @myorg/privatepackage@">=0.1.0" -g sax@0.1.1
                RUN npm install ./folder /opt/pkg ~/pkg package-v1.2.3.tgz
                RUN npm install git+https://isaacs@github.com/npm/npm.git#v1.0.27
                RUN npm install --loglevel verbose --registry https://registry.example.com sax@0.1.1
                RUN npm run --crazy install && npm ci
                """),
        ],
        failing: [
            .dockerfile("""
                FROM node:20
                RUN npm install express
                """, lines: [2]),
            .dockerfile("""
                FROM node:20
                RUN npm install --global express sax@0.1.1
                """, lines: [2]),
            .dockerfile("""
                FROM node:20
                RUN npm install @myorg/privatepackage git://github.com/npm/npm.git
                """, lines: [2]),
            .dockerfile("""
                FROM node:20
                RUN npm install --registry=https://registry.example.com express
                """, lines: [2]),
            .dockerfile("""
                FROM node:20
                ONBUILD RUN npm install express
                """, lines: [2]),
            .dockerfile("""
                FROM node:20
                RUN <<EOF
                npm install -g typescript
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["npm"]) else { return [] }
        return subject.commandFindings(
            "Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`",
            includingTriggers: true
        ) { command in
            command.npmInstallPackages?.contains { !PackagePin.npm($0.value) } ?? false
        }
    }
}
