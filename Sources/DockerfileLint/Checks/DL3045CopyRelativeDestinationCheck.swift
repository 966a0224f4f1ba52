import EKSGuardCore

/// hadolint DL3045: `COPY` to a relative path before any `WORKDIR`.
struct DL3045CopyRelativeDestinationCheck: DockerfileCheck {
    static let message = "`COPY` to a relative destination without `WORKDIR` set."

    static let metadata = CheckMetadata(
        id: "EKS-DKR-3045",
        title: "COPY to a relative path without WORKDIR",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            A relative COPY destination is resolved against the working directory, which without a \
            WORKDIR in the stage is whatever the base image set (often /); files then land somewhere \
            the author did not intend, and a base image update moves them. A COPY (not ADD) whose \
            destination does not start with `/`, `$` or a Windows drive (`C:\\`, `C:/`) is flagged \
            unless a WORKDIR came before it in the stage or in the stage it is built FROM (followed \
            through chains). Unlike hadolint, which links stages by image name, a stage inherits only \
            from an earlier stage it names, so `FROM debian` does not inherit the WORKDIR of an earlier \
            unnamed `FROM debian` stage. COPY inside ONBUILD is not checked, as in hadolint.
            """,
        remediation: "Set `WORKDIR /path` before the COPY, or give COPY an absolute destination.",
        references: ["hadolint:DL3045"],
        passing: [
            .dockerfile("FROM alpine:3.20\nCOPY bla.sh /usr/local/bin/blubb.sh\n"),
            .dockerfile("FROM alpine:3.20\nCOPY bla.sh \"/usr/local/bin/blubb.sh\"\n"),
            .dockerfile("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY bla.sh c:\\system32\\blubb.sh\nCOPY bla.sh d:/mypath/blubb.sh\n"),
            .dockerfile("FROM scratch\nWORKDIR /usr\nCOPY bla.sh blubb.sh\n"),
            .dockerfile("FROM alpine:3.20\nCOPY src.sh ${SRC_BASE_ENV}\nCOPY src.sh \"$SRC_BASE_ENV\"\n"),
            .dockerfile("""
                FROM debian:buster AS base
                WORKDIR /usr
                FROM debian:buster AS stage-inbetween
                RUN foo
                FROM base
                COPY foo bar
                """),
            .dockerfile("""
                FROM debian:buster AS base1
                WORKDIR /usr
                FROM base1 AS base2
                RUN foo
                FROM base2
                COPY foo bar
                """),
            .dockerfile("FROM debian:buster\nONBUILD WORKDIR /usr/local/lib\nONBUILD COPY foo bar\n"),
            .dockerfile("FROM alpine:3.20\nADD app.tar.gz app\n", note: "ADD is not checked"),
        ],
        failing: [
            .dockerfile("FROM alpine:3.20\nCOPY bla.sh blubb.sh\n", lines: [2]),
            .dockerfile("FROM alpine:3.20\nCOPY bla.sh \"blubb.sh\"\n", lines: [2]),
            .dockerfile("FROM alpine:3.20\nCOPY a b\n", lines: [2]),
            .dockerfile("FROM alpine:3.20\nCOPY a b\nWORKDIR /app\n", lines: [2], note: "WORKDIR comes too late"),
            .dockerfile("FROM debian:buster AS stage1\nWORKDIR /usr\nFROM debian:buster\nCOPY foo bar\n", lines: [4]),
            .dockerfile("FROM debian:buster\nWORKDIR /usr\nFROM debian:buster\nCOPY foo bar\n", lines: [4], note: "hadolint links these by image name"),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        let dockerfile = subject.dockerfile
        // Per stage: was a WORKDIR set by its end (its own or inherited)? Children start from it.
        var workdirSet: [Bool] = []
        func check(_ instructions: [Instruction], inherited: Bool) -> Bool {
            var isSet = inherited
            for instruction in instructions {
                if instruction.kind == .workdir { isSet = true }
                if let copy = instruction.copy, !copy.isAdd, !isSet, !Self.isAbsolute(copy.destination.text) {
                    out.fail(Self.message, at: instruction)
                }
            }
            return isSet
        }
        _ = check(dockerfile.globalInstructions, inherited: false)
        for stage in dockerfile.stages {
            workdirSet.append(check(stage.instructions, inherited: stage.baseStageIndex.map { workdirSet[$0] } ?? false))
        }
        return out.findings
    }

    /// `/x`, `$VAR…`, `C:\x`, `C:/x`, quotes around the whole destination ignored.
    static func isAbsolute(_ destination: String) -> Bool {
        var path = Substring(destination)
        while let first = path.first, first == "\"" || first == "'" { path.removeFirst() }
        while let last = path.last, last == "\"" || last == "'" { path.removeLast() }
        if path.hasPrefix("/") || path.hasPrefix("$") { return true }
        let afterDrive = path.dropFirst()
        return afterDrive.hasPrefix(":\\") || afterDrive.hasPrefix(":/")
    }
}
