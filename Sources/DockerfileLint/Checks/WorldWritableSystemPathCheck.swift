import EKSGuardCore

/// EKS-DKR-017: system paths made world-writable (`chmod 777`, `chmod -R a+w /`).
struct WorldWritableSystemPathCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-017",
        title: "World-writable system path",
        practice: .dockerfileLint,
        severity: .medium,
        rationale: """
            A world-writable file or directory under a system path lets any user in the container, such as \
            the unprivileged application user an attacker lands as, replace binaries, libraries, \
            configuration or an entrypoint that root later runs: a ready privilege escalation, and a way to \
            persist. Reported: chmod (also through sudo, `sh -c` and ONBUILD) whose mode gives others write \
            (octal with the others write bit such as 777, 666, 0777; symbolic o+w, a+w, o=rwx; a bare +w is \
            filtered by the umask and passes), and COPY/ADD --chmod with such a mode, when a target is / or \
            lies under /bin, /boot, /etc, /lib*, /root, /sbin, /usr or /var. Scratch directories (/tmp, \
            /var/tmp, /dev/shm) are world-writable by design and pass, as do application directories \
            (/app, /opt, /home, /srv, relative paths), which are the application's own business. A \
            recursive chmod (-R) rewrites whole trees and is reported as high.
            """,
        remediation: "Grant write access to the one user that needs it (chown app: and chmod 755/644, or COPY --chown), and keep system paths writable by root only.",
        references: [],
        passing: [
            .dockerfile("""
                FROM debian:12
                RUN chmod 1777 /tmp && chmod -R 777 /app/storage && chmod 755 /usr/local/bin/entrypoint.sh
                """),
            .dockerfile("""
                FROM debian:12
                RUN chmod +w /etc/app.conf && chmod go-w /etc/app.conf && chmod u+w /usr/local/bin/tool
                """),
            .dockerfile("""
                FROM debian:12
                COPY --chmod=755 entrypoint.sh /usr/local/bin/
                COPY --chmod=777 cache/ /var/tmp/cache/
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                RUN chmod 777 /usr/local/bin/entrypoint.sh
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN chmod -R a+w /var/www/html
                """, lines: [2], note: "recursive: high"),
            .dockerfile("""
                FROM debian:12
                RUN chmod -R 777 /
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                COPY --chmod=0777 app.conf /etc/app/
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                ONBUILD RUN sudo chmod o+w /etc/passwd
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN <<EOF
                set -e
                chmod 666 /etc/hosts
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var findings = DockerfileFindings(subject)
        for instruction in subject.dockerfile.instructionsWithTriggers {
            if let copy = instruction.copy, let mode = copy.chmod, PermissionRules.isWorldWritable(mode),
               PermissionRules.isSystemPath(copy.destination.text) {
                findings.fail("\(instruction.keyword) --chmod=\(mode) makes \(copy.destination.text) world-writable", at: instruction)
            }
            for command in instruction.run?.script.commands ?? [] where command.is("chmod") && !command.hasFlag("--reference") {
                let operands = command.positionalArguments().map(\.value)
                guard let mode = operands.first, PermissionRules.isWorldWritable(mode) else { continue }
                let paths = operands.dropFirst().filter(PermissionRules.isSystemPath)
                guard !paths.isEmpty else { continue }
                let recursive = command.hasAnyFlag(["-R", "--recursive"])
                findings.fail(
                    "chmod \(recursive ? "-R " : "")\(mode) makes \(paths.prefix(3).joined(separator: ", "))\(recursive ? " and everything under it" : "") world-writable",
                    at: instruction, severity: recursive ? .high : nil)
            }
        }
        return findings.findings
    }
}
