import EKSGuardCore

/// hadolint DL3025: `CMD`, `ENTRYPOINT` or `HEALTHCHECK CMD` in shell form.
struct DL3025JSONFormCommandCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3025",
        title: "CMD or ENTRYPOINT in shell form",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            In shell form the process runs as a child of `/bin/sh -c`, which is PID 1 and does not \
            forward signals: on pod termination the application never sees SIGTERM, is killed after \
            the grace period, and drops in-flight requests. A shell-form `ENTRYPOINT` also ignores the \
            `CMD` and the arguments given to the container. The JSON (exec) form runs the program directly. \
            Like hadolint, the command of a `HEALTHCHECK CMD` is held to the same rule.
            """,
        remediation: "Write the command as a JSON array (CMD [\"nginx\", \"-g\", \"daemon off;\"]), calling a shell explicitly if one is needed.",
        references: ["hadolint:DL3025"],
        passing: [
            .dockerfile("""
                FROM nginx:1.27
                ENTRYPOINT ["/docker-entrypoint.sh"]
                CMD ["nginx", \\
                     "-g", "daemon off;"]
                """),
        ],
        failing: [
            .dockerfile("""
                FROM nginx:1.27
                CMD nginx -g "daemon off;"
                """, lines: [2]),
            .dockerfile("""
                FROM python:3.12
                ENTRYPOINT python -m app
                """, lines: [2]),
            .dockerfile("""
                FROM nginx:1.27
                HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        for instruction in subject.dockerfile.instructions {
            let form = instruction.command?.form ?? instruction.healthcheck?.command
            if form?.isExec == false {
                out.fail("Use arguments JSON notation for CMD and ENTRYPOINT arguments", at: instruction)
            }
        }
        return out.findings
    }
}
