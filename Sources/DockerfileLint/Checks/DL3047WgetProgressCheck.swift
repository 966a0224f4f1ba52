import EKSGuardCore

/// hadolint DL3047: `wget` printing its progress bar into the build log.
struct DL3047WgetProgressCheck: DockerfileCheck {
    static let message = """
        Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. Or consider using `-q` or \
        `-nv` (shorthands for `--quiet` or `--no-verbose`).
        """

    static let metadata = CheckMetadata(
        id: "EKS-DKR-3047",
        title: "wget without progress option",
        practice: .dockerfileLint,
        severity: HadolintLevel.info.severity,
        rationale: """
            Without a terminal wget falls back to a dot progress display that writes a line per few \
            kilobytes, so one large download floods the build log with thousands of lines and hides \
            the messages that matter. A wget needs `--progress=…`, `-q`/`--quiet`, `-nv`/`--no-verbose`, \
            or a log file (`-o`/`--output-file`, `-a`/`--append-output`). Checked in RUN and ONBUILD \
            RUN; unlike hadolint, also sees `sudo wget …` and commands inside `sh -c '…'`.
            """,
        remediation: "Add `--progress=dot:giga` (or `-q` / `-nv`) to the wget command.",
        references: ["hadolint:DL3047"],
        passing: [
            .dockerfile("FROM debian:12\nRUN wget --progress=dot:giga https://example.com/app.tgz\n"),
            .dockerfile("FROM debian:12\nRUN wget -q https://example.com/app.tgz && wget --quiet https://example.com/b\n"),
            .dockerfile("FROM debian:12\nRUN wget -nv https://example.com/a && wget --no-verbose https://example.com/b\n"),
            .dockerfile("FROM debian:12\nRUN wget -qO- https://example.com/key.asc | gpg --dearmor > /k.gpg\n"),
            .dockerfile("FROM debian:12\nRUN wget -o /tmp/log https://example.com/a && wget --output-file=/tmp/l https://example.com/b\n"),
            .dockerfile("FROM debian:12\nRUN wget -a /tmp/log https://example.com/a && wget --append-output=/tmp/l https://example.com/b\n"),
            .dockerfile("FROM debian:12\nONBUILD RUN wget -q https://example.com/app.tgz\n"),
        ],
        failing: [
            .dockerfile("FROM debian:12\nRUN wget https://example.com/app.tgz\n", lines: [2]),
            .dockerfile("FROM debian:12\nRUN wget -O /app.tgz https://example.com/app.tgz\n", lines: [2], note: "-O is the output file, not the log"),
            .dockerfile("FROM debian:12\nONBUILD RUN wget https://example.com/app.tgz\n", lines: [2]),
            .dockerfile("FROM debian:12\nRUN sudo wget https://example.com/app.tgz\n", lines: [2], note: "seen through sudo"),
            .dockerfile("FROM debian:12\nRUN <<EOF\nwget https://example.com/app.tgz\nEOF\n", lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        RunSites.fail(&out, Self.message) { run in
            run.script.commands(named: "wget").contains {
                !$0.hasAnyFlag(["progress", "q", "quiet", "o", "output-file", "a", "append-output", "no-verbose", "-nv"])
            }
        }
        return out.findings
    }
}
