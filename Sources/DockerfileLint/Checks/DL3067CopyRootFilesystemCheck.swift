import EKSGuardCore

/// hadolint DL3067: `COPY --from=stage / /` copies a whole filesystem over the image.
struct DL3067CopyRootFilesystemCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3067",
        title: "COPY of an entire filesystem",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            `COPY --from=build / /` brings everything of the other stage into the image: compilers, package \
            caches, secrets used during the build and the other stage's system files over this one's, which \
            defeats the point of a multi-stage build and can break the base image. As in hadolint, only a \
            source of exactly `/` copied to `/` (quotes aside) is reported.
            """,
        remediation: "Copy only the build outputs the image needs, for example COPY --from=build /app/bin/server /usr/local/bin/.",
        references: ["hadolint:DL3067"],
        passing: [
            .dockerfile("""
                FROM alpine:3.20
                COPY / /
                """),
            .dockerfile("""
                FROM alpine:3.20
                COPY --from=build /app /
                """),
            .dockerfile("""
                FROM alpine:3.20
                COPY --from=build / /app
                """),
        ],
        failing: [
            .dockerfile("""
                FROM alpine:3.20
                COPY --from=build / /
                """, lines: [2]),
            .dockerfile("""
                FROM alpine:3.20
                COPY --from=build "/" "/"
                """, lines: [2]),
            .dockerfile("""
                FROM alpine:3.20
                COPY --from=build ["/etc/passwd", "/", "/"]
                """, lines: [2]),
        ]
    )

    static let message = "Do not copy an entire filesystem from another stage"

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        for instruction in subject.dockerfile.instructions {
            guard let copy = instruction.copy, !copy.isAdd, copy.from != nil, copy.destination.text.trimmingQuotes == "/",
                  copy.sources.contains(where: { $0.text.trimmingQuotes == "/" })
            else { continue }
            out.fail(Self.message, at: instruction)
        }
        return out.findings
    }
}
