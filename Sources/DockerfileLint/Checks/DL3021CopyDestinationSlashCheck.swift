import EKSGuardCore

/// hadolint DL3021: `COPY` of several sources to a destination without trailing `/`.
struct DL3021CopyDestinationSlashCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3021",
        title: "COPY of several sources to a non-directory",
        practice: .dockerfileLint,
        severity: HadolintLevel.error.severity,
        rationale: """
            With more than one source the destination must be a directory, written with a trailing \
            `/`; otherwise the build fails, or the files land somewhere unexpected when the path \
            happens to exist. Quotes around the destination are ignored, as in hadolint; heredoc \
            sources count as sources. `ADD` is not checked, as in hadolint.
            """,
        remediation: "End the destination with / (COPY a.txt b.txt /app/).",
        references: ["hadolint:DL3021", "trivy:AVD-DS-0011"],
        passing: [
            .dockerfile("""
                FROM alpine:3.20
                COPY foo bar
                COPY foo bar baz/
                COPY ["a.txt", "b.txt", "/app/"]
                COPY foo bar "/opt/dir/"
                """),
        ],
        failing: [
            .dockerfile("""
                FROM alpine:3.20
                COPY foo bar baz
                """, lines: [2]),
            .dockerfile("""
                FROM alpine:3.20
                COPY foo bar "baz"
                COPY ["a.txt", "b.txt", "/app"]
                """, lines: [2, 3]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        for instruction in subject.dockerfile.instructions {
            guard let copy = instruction.copy, !copy.isAdd, copy.sources.count + copy.heredocSources.count > 1,
                  !copy.destination.text.unquotedPath.hasSuffix("/") else { continue }
            out.fail("COPY with more than 2 arguments requires the last argument to end with /.", at: instruction)
        }
        return out.findings
    }
}
