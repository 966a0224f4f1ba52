import EKSGuardCore

/// hadolint DL3061: only `ARG` (and comments) may come before the first `FROM`.
struct DL3061InstructionOrderCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3061",
        title: "Instruction before FROM",
        practice: .dockerfileLint,
        severity: HadolintLevel.error.severity,
        rationale: """
            A Dockerfile must start with FROM; only ARG (for values the FROM lines use), comments and parser \
            directives may precede it. docker build rejects anything else there, so the file does not build. \
            Each such instruction is reported, and in a file without any FROM every instruction but ARG is.
            """,
        remediation: "Move the instruction after the first FROM (only ARG may precede it).",
        references: ["hadolint:DL3061"],
        passing: [
            .dockerfile("""
                FROM foo:1
                LABEL foo=bar
                """),
            .dockerfile("""
                ARG A=B
                FROM foo:1
                LABEL foo=bar
                """),
            .dockerfile("""
                # syntax = docker/dockerfile:1.0-experimental
                # a comment
                FROM node:16-alpine3.13
                """),
            .dockerfile("""
                FROM foo:1
                ARG A=B
                RUN echo bla
                """),
        ],
        failing: [
            .dockerfile("""
                LABEL foo=bar
                FROM foo:1
                """, lines: [1]),
            .dockerfile("""
                ARG VERSION=1
                ENV APP=web
                RUN echo hi
                FROM foo:${VERSION}
                """, lines: [2, 3]),
            .dockerfile("""
                ONBUILD RUN echo hi
                FROM foo:1
                """, lines: [1]),
        ]
    )

    static let message = "Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment."

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        for instruction in subject.dockerfile.globalInstructions where instruction.kind != .arg {
            out.fail(Self.message, at: instruction)
        }
        return out.findings
    }
}
