import EKSGuardCore

/// hadolint DL4005: `ln … /bin/sh` to change the default shell.
struct DL4005LinkBinShCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-4005",
        title: "Default shell changed with ln",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            Replacing /bin/sh with a symlink changes the shell of every script in the image, including the \
            distribution's own maintainer scripts, and hides the choice from readers; the SHELL instruction \
            changes only what RUN uses. Like hadolint, any `ln` with an argument exactly /bin/sh is flagged, \
            also in ONBUILD. Unlike hadolint, it also sees `sudo ln …` and `sh -c '…'`, and a path-qualified `ln` \
            (`/bin/ln -sf /bin/bash /bin/sh`): programs are matched by their base name in every eksguard rule.
            """,
        remediation: "Use SHELL [\"/bin/bash\", \"-c\"] instead of linking /bin/sh to another shell.",
        references: ["hadolint:DL4005"],
        passing: [
            .dockerfile("""
                FROM debian:12
                RUN ln -sf /bin/true /sbin/initctl
                """),
            .dockerfile("""
                FROM debian:12
                RUN ln -s foo bar && something_with /bin/sh
                """),
            .dockerfile("""
                FROM debian:12
                SHELL ["/bin/bash", "-c"]
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                RUN ln -sfv /bin/bash /bin/sh
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                ONBUILD RUN ln -sf /bin/bash /bin/sh
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN <<EOF
                set -e
                ln -sf /bin/bash /bin/sh
                EOF
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN sudo ln -sf /bin/bash /bin/sh
                """, lines: [2], note: "hadolint sees only `sudo`"),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var findings = DockerfileFindings(subject)
        for instruction in subject.dockerfile.instructionsWithTriggers {
            guard let run = instruction.run else { continue }
            if run.script.commands.contains(where: { $0.is("ln") && $0.hasArgument("/bin/sh") }) {
                findings.fail("Use SHELL to change the default shell", at: instruction)
            }
        }
        return findings.findings
    }
}
