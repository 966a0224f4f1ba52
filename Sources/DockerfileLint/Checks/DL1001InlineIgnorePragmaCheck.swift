import EKSGuardCore

/// hadolint DL1001: inline ignore pragmas (`# hadolint ignore=DL3008` above an instruction).
struct DL1001InlineIgnorePragmaCheck: DockerfileCheck {
    /// hadolint ships DL1001 at level `ignore`: it reports only when enabled.
    static let enabledByDefault = false

    static let metadata = CheckMetadata(
        id: "EKS-DKR-1001",
        title: "Inline ignore pragma",
        practice: .dockerfileLint,
        severity: .info,
        rationale: """
            An inline `# hadolint ignore=…` silences a rule for one instruction, where reviewers rarely \
            look again; teams that want every exception recorded centrally (`.hadolint.yaml` or the \
            eksguard configuration) enable this rule to forbid them. Off by default, as in hadolint. \
            Unlike hadolint, inline `# eksguard ignore=…` pragmas count too, since they waive findings \
            the same way; file-wide `global ignore` pragmas are not reported, as in hadolint.
            """,
        remediation: "Remove the inline pragma and fix the finding, or record the exception in the configuration file.",
        references: ["hadolint:DL1001"],
        passing: [
            .dockerfile("""
                # hadolint global ignore=DL3008
                # hadolint shell=powershell
                FROM debian:12
                # install the tools
                RUN apt-get install -y curl
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                # hadolint ignore=DL3008,DL3015
                RUN apt-get install -y curl
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                # eksguard ignore=EKS-DKR-3008 # reviewed
                RUN apt-get install -y curl
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        for comment in subject.dockerfile.comments {
            guard let pragma = comment.ignorePragma, !pragma.isGlobal else { continue }
            out.fail("Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`.", at: comment.position)
        }
        return out.findings
    }
}
