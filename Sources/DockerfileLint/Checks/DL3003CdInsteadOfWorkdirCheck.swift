import EKSGuardCore

/// hadolint DL3003: `cd` in `RUN` instead of `WORKDIR`.
struct DL3003CdInsteadOfWorkdirCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3003",
        title: "cd used instead of WORKDIR",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            `cd` lasts only for the rest of one `RUN`, so the directory later instructions work in is \
            not the one the reader expects, and long `cd … && …` chains are hard to follow. `WORKDIR` \
            sets the directory for every following instruction and creates it if needed. As in \
            hadolint, `ONBUILD RUN` is not checked. Unlike hadolint, a `cd` inside `sh -c '…'` is seen too.
            """,
        remediation: "Set the directory with WORKDIR before the RUN instead of running cd in it.",
        references: ["hadolint:DL3003", "trivy:AVD-DS-0013"],
        passing: [
            .dockerfile("""
                FROM golang:1.22
                WORKDIR /src
                RUN go build ./...
                ONBUILD RUN cd /src && make
                """),
        ],
        failing: [
            .dockerfile("""
                FROM golang:1.22
                RUN cd /src && go build ./...
                """, lines: [2]),
            .dockerfile("""
                FROM golang:1.22
                RUN git clone https://example.com/repo.git \\
                    && cd repo \\
                    && make
                """, lines: [2]),
            .dockerfile("""
                FROM golang:1.22
                RUN <<EOF
                cd /src
                go build ./...
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        subject.commandFindings("Use WORKDIR to switch to a directory", includingTriggers: false) { $0.is("cd") }
    }
}
