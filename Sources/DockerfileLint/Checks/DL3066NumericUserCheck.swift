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
            ownership on the host is by number. As in the released hadolint (2.15), every USER of every stage \
            is checked: its user part (before `:`) must be all digits, and a USER naming a build argument \
            declared before it is left alone (its value comes at build time); an ENV value is checked. Unlike hadolint, quotes are removed first, as \
            docker build does, so `USER "10001"` passes.
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
                FROM foo:bar AS build
                USER foobar
                FROM foobar:barfoo
                USER 1234
                """, lines: [2], note: "builder stages count too"),
            .dockerfile("""
                FROM foo:bar
                ENV APP_USER=app
                USER $APP_USER
                """, lines: [3], note: "an ENV value is not a build argument"),
        ]
    )

    static let message = "Non-numeric user-id may not be resolvable by host system"

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        // As the released hadolint (2.15) does: every USER of every stage; a USER naming a build
        // argument declared before it is left alone (its value comes at build time), one naming an
        // ENV value or nothing known is not.
        let dockerfile = subject.dockerfile
        var out = DockerfileFindings(subject)
        var buildArgs: Set<String> = []
        for instruction in dockerfile.instructions {
            buildArgs.formUnion(instruction.arg?.declarations.map(\.name) ?? [])
            guard let written = instruction.user?.user else { continue }
            if Self.referencedVariables(in: written, escape: dockerfile.escape).contains(where: buildArgs.contains) { continue }
            // docker build removes quotes from USER (`USER "1000"` is UID 1000); hadolint does not.
            let user = Words.unquote(written, escape: dockerfile.escape)
            if !user.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                out.fail(Self.message, at: instruction)
            }
        }
        return out.findings
    }

    /// The names a word refers to (`$NAME`, `${NAME:-default}`), by the parser's substitution rules,
    /// so an escaped `\$NAME` is not a reference.
    static func referencedVariables(in text: String, escape: Character) -> [String] {
        var substitution = Substitution(escape: escape) { _ in nil }
        _ = substitution.process(text)
        return substitution.unresolved
    }
}
