import EKSGuardCore

/// hadolint DL4001: a stage uses both wget and curl.
struct DL4001WgetAndCurlCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-4001",
        title: "Both wget and curl used",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            wget and curl do the same job; installing and using both adds a second HTTP client to the image, \
            more code to patch and more size. Like hadolint, the tools seen so far are remembered per stage \
            (reset at FROM), every RUN that uses one of them once both are in use is flagged, including \
            commands inside $(…), and ONBUILD RUN is not counted. Unlike hadolint, it also sees `sudo curl …` and commands inside \
            `sh -c '…'`.
            """,
        remediation: "Pick one of wget or curl and use it in every RUN of the stage.",
        references: ["hadolint:DL4001", "trivy:AVD-DS-0014"],
        passing: [
            .dockerfile("""
                FROM node:20 AS foo
                RUN wget my.xyz
                """),
            .dockerfile("""
                FROM node:20 AS foo
                RUN wget my.xyz
                FROM scratch
                RUN curl localhost
                """, note: "different stages"),
            .dockerfile("""
                FROM debian:12
                RUN curl -fsSL https://x.example/a -o /a
                RUN echo wget is a word here
                """),
            .dockerfile("""
                FROM debian:12
                RUN curl -fsSLO https://x.example/a
                ONBUILD RUN wget https://x.example/b
                """, note: "not ONBUILD-aware, like hadolint"),
        ],
        failing: [
            .dockerfile("""
                FROM node:20 AS foo
                RUN wget my.xyz
                RUN curl localhost
                """, lines: [3]),
            .dockerfile("""
                FROM node:20 AS foo
                RUN wget my.xyz && curl localhost
                """, lines: [2]),
            .dockerfile("""
                FROM node:20 AS foo
                RUN wget my.xyz
                RUN curl my.xyz
                RUN echo hello
                RUN wget foo.com
                """, lines: [3, 5]),
            .dockerfile("""
                FROM debian:12
                RUN VERSION=$(curl -fsSL https://x.example/latest) && wget "https://x.example/$VERSION.tgz"
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN curl -fsSL https://x.example/a -o /a
                RUN sudo wget https://x.example/b
                """, lines: [3], note: "hadolint sees only `sudo`"),
            .dockerfile("""
                FROM debian:12
                RUN <<EOF
                curl -fsSLO https://x.example/a
                wget https://x.example/b
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var findings = DockerfileFindings(subject)
        var seen: Set<String> = []
        for instruction in subject.dockerfile.instructions {
            if instruction.kind == .from { seen = [] }
            guard let run = instruction.run else { continue }
            let tools = Set(run.script.commands.compactMap(\.baseName).filter { $0 == "curl" || $0 == "wget" })
            seen.formUnion(tools)
            if !tools.isEmpty, seen.count == 2 {
                findings.fail("Either use Wget or Curl but not both", at: instruction)
            }
        }
        return findings.findings
    }
}
