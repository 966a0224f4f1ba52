import EKSGuardCore

/// hadolint DL3042: `pip install` keeps its wheel cache in the image.
struct DL3042PipNoCacheDirCheck: DockerfileCheck {
    static let message = "Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`"

    /// The spellings pip reads as true for `PIP_NO_CACHE_DIR` (hadolint's list).
    static let truthy: Set<String> = ["1", "true", "True", "TRUE", "on", "On", "ON", "yes", "Yes", "YES"]

    static let metadata = CheckMetadata(
        id: "EKS-DKR-3042",
        title: "pip install keeps its cache",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            pip stores every downloaded wheel and source archive under ~/.cache/pip; in an image that \
            cache is never reused and only makes the layer bigger. `pip install` (also `pip3`, \
            `python -m pip install`; not pipx or pipenv) needs `--no-cache-dir`, unless \
            PIP_NO_CACHE_DIR is set to a true value in the same RUN (`PIP_NO_CACHE_DIR=1 pip …`, \
            `export PIP_NO_CACHE_DIR=on`) or by an ENV of the stage or of the stage it is built FROM. \
            Checked in RUN and ONBUILD RUN; unlike hadolint, also sees `sudo pip …` and commands \
            inside `sh -c '…'`, and lets an ONBUILD RUN rely on the stage's ENV (the image that runs the \
            trigger inherits it).
            """,
        remediation: "Add --no-cache-dir (`pip install --no-cache-dir <package>`) or set `ENV PIP_NO_CACHE_DIR=1`.",
        references: ["hadolint:DL3042"],
        passing: [
            .dockerfile("FROM python:3.12\nRUN pip install --no-cache-dir MySQL_python==1.2.5\n"),
            .dockerfile("FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install six==1.16.0\n"),
            .dockerfile("FROM python:3.12\nRUN pip3 install MySQL_python==1.2.5 --no-cache-dir\n"),
            .dockerfile("FROM python:3.12\nRUN pipx install software && pipenv install library\n"),
            .dockerfile("FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install MySQL_python\n"),
            .dockerfile("FROM python:3.12\nENV PIP_NO_CACHE_DIR=on\nRUN pip install MySQL_python\n"),
            .dockerfile("FROM python:3.12\nRUN PIP_NO_CACHE_DIR=yes pip install MySQL_python\n"),
            .dockerfile("FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=true && pip install MySQL_python\n"),
            .dockerfile("FROM debian:buster AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install six\n"),
            .dockerfile("FROM python:3.12\nONBUILD RUN pip install --no-cache-dir -r requirements.txt\n"),
            .dockerfile("FROM python:3.12\nRUN python -m pip download six\n"),
        ],
        failing: [
            .dockerfile("FROM python:3.12\nRUN pip install MySQL_python\n", lines: [2]),
            .dockerfile("FROM python:3.12\nRUN pip2 install MySQL_python\n", lines: [2]),
            .dockerfile("FROM python:3.12\nRUN python3 -m pip install -r requirements.txt\n", lines: [2]),
            .dockerfile("FROM python:3.12\nONBUILD RUN pip3 install MySQL_python\n", lines: [2]),
            .dockerfile("FROM python:3.12\nENV PIP_NO_CACHE_DIR=off\nRUN pip install MySQL_python\n", lines: [3]),
            .dockerfile("FROM python:3.12\nRUN PIP_NO_CACHE_DIR=0 pip install MySQL_python\n", lines: [2]),
            .dockerfile("FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=false && pip install MySQL_python\n", lines: [2]),
            .dockerfile("FROM debian:buster AS base\nENV PIP_NO_CACHE_DIR=1\nFROM debian:buster\nRUN pip install six\n", lines: [4]),
            .dockerfile("FROM python:3.12\nRUN sh -c 'pip install six'\n", lines: [2], note: "inside sh -c"),
            .dockerfile("FROM python:3.12\nRUN <<EOF\npip install six\nEOF\n", lines: [2]),
        ]
    )

    /// `pip install` without `--no-cache-dir`.
    static func cachingPipInstall(_ command: Command) -> Bool {
        PackageCommands.isPipInstall(command) && !command.hasFlag("--no-cache-dir")
    }

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        // Replaying ARG and ENV for every RUN costs more than finding out there is nothing to check.
        guard subject.dockerfile.runs(includingTriggers: true).contains(where: { $0.commands.contains(where: Self.cachingPipInstall) })
        else { return [] }
        var out = DockerfileFindings(subject)
        for (instruction, run, variables) in RunSites.runsWithVariables(in: subject.dockerfile) {
            let commands = run.script.commands
            guard commands.contains(where: Self.cachingPipInstall),
                variables.envValue("PIP_NO_CACHE_DIR").map(Self.truthy.contains) != true,
                // A cache or tmpfs mount on pip's cache keeps it out of the layer (hadolint 2.15 agrees).
                !run.mounts.contains(where: { ($0.type == "cache" || $0.type == "tmpfs") && ($0.target ?? "").contains(".cache/pip") })
            else { continue }
            // `PIP_NO_CACHE_DIR=1 pip …`, `export PIP_NO_CACHE_DIR=1 && …`: anywhere in the RUN, as in hadolint.
            let setInRun = commands.contains { command in
                command.words.contains {
                    $0.assignmentName == "PIP_NO_CACHE_DIR" && $0.assignmentValue.map(Self.truthy.contains) == true
                }
            }
            if !setInRun { out.fail(Self.message, at: instruction) }
        }
        return out.findings
    }
}
