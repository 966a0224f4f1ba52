import EKSGuardCore

/// hadolint DL3066: the image's user is a name rather than a numeric UID.
struct DL3066NumericUserCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3066",
        title: "USER is not a numeric ID",
        practice: .dockerfileLint,
        severity: HadolintLevel.info.severity,
        rationale: """
            A user name is resolved through the image's /etc/passwd, which the host and the orchestrator do \
            not see: Kubernetes' `runAsNonRoot` cannot verify a named user and rejects the pod, and volume \
            ownership on the host is by number. As in hadolint's newest version of this rule, only the user \
            the image ends up with is checked: the last USER of the final stage. Its user part (before `:`) \
            must be all digits, or refer to a build argument (`USER ${APP_UID}` after `ARG APP_UID`), whose \
            value is given at build time.
            """,
        remediation: "Use the numeric ID, for example USER 10001:10001, creating the user with that UID in an earlier RUN.",
        references: ["hadolint:DL3066"],
        passing: [
            .dockerfile("""
                FROM foo:bar
                USER 1234
                """),
            .dockerfile("""
                FROM foo:bar
                USER 1234:5678
                """),
            .dockerfile("""
                FROM foo:bar
                USER "10001"
                """),
            .dockerfile("""
                ARG APP_UID
                FROM foobar:barfoo
                USER ${APP_UID}
                """),
            .dockerfile("""
                FROM foo:bar AS build
                USER foobar
                FROM foobar:barfoo
                USER 1234
                """, note: "only the final stage counts"),
            .dockerfile("""
                FROM foo:bar
                USER foobar
                USER 1234
                """, note: "only the last USER counts"),
        ],
        failing: [
            .dockerfile("""
                FROM foo:bar
                USER foobar
                """, lines: [2]),
            .dockerfile("""
                FROM foo:bar
                USER foobar:barfoo
                """, lines: [2]),
            .dockerfile("""
                FROM foo:bar AS build
                USER 1234
                FROM foobar:barfoo
                USER foobar
                """, lines: [4]),
            .dockerfile("""
                FROM foo:bar
                USER 1234
                USER foobar
                """, lines: [3]),
            .dockerfile("""
                FROM foo:bar
                ENV APP_USER=app
                USER $APP_USER
                """, lines: [3], note: "an ENV is not a build argument"),
        ]
    )

    static let message = "Non-numeric user-id may not be resolvable by host system"

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        let dockerfile = subject.dockerfile
        let scope = dockerfile.finalStage?.instructions ?? dockerfile.globalInstructions
        guard let last = scope.last(where: { $0.kind == .user }), let written = last.user?.user else { return [] }
        // docker build removes quotes from USER (`USER "1000"` is UID 1000).
        let user = Words.unquote(written, escape: dockerfile.escape)
        if user.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) { return [] }
        // Build arguments declared before the USER, in any stage (hadolint does not scope them).
        let earlier = dockerfile.instructions.prefix { $0.position.line < last.position.line }
        let buildArgs = Set(earlier.flatMap { $0.arg?.declarations.map(\.name) ?? [] })
        if referencedVariables(in: written, escape: dockerfile.escape).contains(where: buildArgs.contains) { return [] }
        var out = DockerfileFindings(subject)
        out.fail(Self.message, at: last)
        return out.findings
    }
}
