import EKSGuardCore

/// hadolint DL3000: `WORKDIR` must be an absolute path.
struct DL3000AbsoluteWorkdirCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3000",
        title: "Relative WORKDIR",
        practice: .dockerfileLint,
        severity: HadolintLevel.error.severity,
        rationale: """
            A relative `WORKDIR` is resolved against whatever the previous `WORKDIR` was, possibly one \
            set by the base image, so the directory the following instructions run in changes when the \
            base image does. Paths starting with `/` or a `$variable`, and Windows drive paths (`C:\\…`), \
            are accepted as in hadolint; unlike hadolint, a Windows root-relative path (`\\app`) is \
            accepted too, since it does not depend on the previous `WORKDIR` either.
            """,
        remediation: "Write the WORKDIR as an absolute path (WORKDIR /app).",
        references: ["hadolint:DL3000", "trivy:AVD-DS-0009", "checkov:CKV_DOCKER_10"],
        passing: [
            .dockerfile("""
                FROM alpine:3.20
                WORKDIR /usr/src/app
                WORKDIR "/opt/tool"
                WORKDIR ${HOME}
                WORKDIR $APP_HOME/bin
                """),
            .dockerfile("""
                FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
                WORKDIR C:\\app
                WORKDIR "C:/"
                """),
        ],
        failing: [
            .dockerfile("""
                FROM alpine:3.20
                WORKDIR usr/src/app
                """, lines: [2]),
            .dockerfile("""
                FROM alpine:3.20
                WORKDIR /app
                WORKDIR 'relative/dir'
                """, lines: [3]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        for instruction in subject.dockerfile.instructions {
            guard let workdir = instruction.workdir, !Self.isAbsolute(workdir) else { continue }
            out.fail("Use absolute WORKDIR", at: instruction)
        }
        return out.findings
    }

    /// The parser's reading (`/x`, `$X`, `C:\x`, `C:/x`, `\x`), plus hadolint's: any quotes at
    /// either end dropped, and a drive letter followed by `:`.
    static func isAbsolute(_ workdir: WorkdirInstruction) -> Bool {
        if workdir.isAbsolute { return true }
        let path = Array(workdir.path.unquotedPath)
        if let first = path.first, first == "/" || first == "$" { return true }
        return path.count >= 2 && path[0].isLetter && path[1] == ":"
    }
}
