import EKSGuardCore

/// hadolint DL3022: `COPY --from` naming no earlier stage.
struct DL3022CopyFromUnknownStageCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3022",
        title: "COPY --from references no earlier stage",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            A `--from` name that matches no earlier stage is taken by BuildKit as an image on Docker \
            Hub: a typo in a stage name (or a stage defined further down) pulls an unrelated public \
            image into the build instead of failing. As in hadolint, a value with `:` (an image with a \
            tag, `--from=nginx:1.27`) or a stage index lower than the number of stages so far is \
            accepted, and an untagged image (`--from=nginx`) is reported. Stage names match without \
            regard to case, as BuildKit resolves them. Unlike hadolint, a value holding a variable \
            (`--from=${BUILDER}`) is not reported, since it cannot be resolved without the build arguments.
            """,
        remediation: "Name a stage defined above with FROM … AS name, or a tagged image.",
        references: ["hadolint:DL3022"],
        passing: [
            .dockerfile("""
                FROM golang:1.22 AS Build
                RUN go build -o /out/app ./...
                FROM scratch
                COPY --from=build /out/app /app
                COPY --from=0 /etc/ssl/certs /etc/ssl/certs
                COPY --from=nginx:1.27 /etc/nginx/mime.types /etc/mime.types
                COPY --from=${TOOLS_IMAGE} /bin/tool /bin/tool
                """),
        ],
        failing: [
            .dockerfile("""
                FROM scratch
                COPY --from=builder /out/app /app
                FROM golang:1.22 AS builder
                """, lines: [2]),
            .dockerfile("""
                FROM golang:1.22 AS build
                FROM scratch
                COPY --from=2 /out/app /app
                COPY --from=nginx /etc/nginx/nginx.conf /etc/nginx.conf
                """, lines: [3, 4]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        var aliases: Set<String> = []
        var stageCount = 0
        for instruction in subject.dockerfile.instructions {
            if let from = instruction.from {
                stageCount += 1
                if let alias = from.alias { aliases.insert(alias) }
            }
            guard let copy = instruction.copy, !copy.isAdd, let source = copy.from else { continue }
            if source.contains(":") || source.contains("$") || aliases.contains(source.lowercased()) { continue }
            if source.isStageIndex, let index = Int(source), index < stageCount { continue }
            out.fail("`COPY --from` should reference a previously defined `FROM` alias", at: instruction)
        }
        return out.findings
    }
}
