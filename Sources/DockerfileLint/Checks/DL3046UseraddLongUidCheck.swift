import EKSGuardCore

/// hadolint DL3046: `useradd -u <big UID>` without `-l` bloats the image.
struct DL3046UseraddLongUidCheck: DockerfileCheck {
    static let message = "`useradd` without flag `-l` and high UID will result in excessively large Image."

    static let metadata = CheckMetadata(
        id: "EKS-DKR-3046",
        title: "useradd with a high UID and no -l",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            useradd records every new user in /var/log/lastlog and /var/log/faillog, sparse files \
            indexed by UID; the image layer stores them expanded, so a UID such as 123456789 adds \
            gigabytes of zeros. `useradd -u` with a UID longer than five digits needs `-l` \
            (`--no-log-init`). As in hadolint, only the value after `-u` is measured, not `--uid`. \
            Unlike hadolint, a UID given as a variable (`-u $APP_UID`) is not flagged, since its value \
            is unknown and usually small; hadolint flags every variable. Checked in RUN (not ONBUILD, \
            as in hadolint); unlike hadolint, also sees `sudo useradd …` and commands inside `sh -c '…'`.
            """,
        remediation: "Add -l: `useradd -l -u <uid> <name>`, or use a UID of at most five digits.",
        references: ["hadolint:DL3046"],
        passing: [
            .dockerfile("FROM debian:12\nRUN useradd luser\n"),
            .dockerfile("FROM debian:12\nRUN useradd -u 12345 luser\n"),
            .dockerfile("FROM debian:12\nRUN useradd -l -u 123456 luser\n"),
            .dockerfile("FROM debian:12\nRUN useradd --no-log-init -u 123456 luser\n"),
            .dockerfile("FROM debian:12\nARG APP_UID=1000\nRUN useradd -u ${APP_UID} app\n"),
            .dockerfile("FROM debian:12\nRUN useradd --uid 1234567 luser\n", note: "hadolint measures only -u"),
            .dockerfile("FROM debian:12\nONBUILD RUN useradd -u 123456 luser\n", note: "not ONBUILD-aware, as in hadolint"),
        ],
        failing: [
            .dockerfile("FROM debian:12\nRUN useradd -u 123456 luser\n", lines: [2]),
            .dockerfile("FROM debian:12\nRUN groupadd -g 123456 app && useradd -g app -u 123456 app\n", lines: [2]),
            .dockerfile("FROM debian:12\nRUN sudo useradd -u 123456 luser\n", lines: [2], note: "seen through sudo"),
            .dockerfile("FROM debian:12\nRUN useradd -ou 1234567 luser\n", lines: [2]),
            .dockerfile("FROM debian:12\nRUN <<EOF\nuseradd -u 1000000 luser\nEOF\n", lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        RunSites.fail(&out, Self.message, includingTriggers: false) { run in
            run.script.commands(named: "useradd").contains { command in
                command.hasAnyFlag(["u", "uid"]) && !command.hasAnyFlag(["l", "no-log-init"])
                    && Self.uidValues(command).contains { $0.value.count > 5 && !$0.hasSubstitution }
            }
        }
        return out.findings
    }

    /// hadolint's value of `-u`: the word after any short-option group containing `u` (`-u 1`, `-ou 1`).
    static func uidValues(_ command: Command) -> [ShellWord] {
        let arguments = command.arguments
        return arguments.indices.dropLast().compactMap { index in
            let word = arguments[index].value
            guard word.hasPrefix("-"), !word.hasPrefix("--"), word.dropFirst().contains("u") else { return nil }
            return arguments[index + 1]
        }
    }
}
