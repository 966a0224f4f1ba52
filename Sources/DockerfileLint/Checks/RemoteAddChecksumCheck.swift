import EKSGuardCore

/// EKS-DKR-004: `ADD https://…` without `--checksum`.
struct RemoteAddChecksumCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-004",
        title: "Remote ADD without checksum",
        practice: .dockerfileLint,
        severity: .medium,
        rationale: """
            ADD with a URL puts whatever the server returns at build time into the image: a compromised or \
            hijacked download site, or a changed release file, silently changes the image. `ADD --checksum` \
            (Dockerfile 1.6+) makes the build fail unless the content matches. Local ADD sources are hadolint \
            DL3020's concern and not reported here; ONBUILD ADD is checked too, since the child build runs it.
            """,
        remediation: "Add --checksum=sha256:<digest> to the ADD, or download with curl and verify the file with sha256sum -c.",
        references: [],
        passing: [
            .dockerfile("""
                # syntax=docker/dockerfile:1.6
                FROM debian:12
                ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/app.tar.gz /opt/
                """),
            .dockerfile("""
                FROM debian:12
                ADD app.tar.gz /opt/
                """, note: "local archive"),
            .dockerfile("""
                FROM debian:12
                COPY https.conf /etc/
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                ADD https://example.com/app.tar.gz /opt/
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                ADD --chown=app http://example.com/a.sh "HTTPS://example.com/b.sh" /usr/local/bin/
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                ONBUILD ADD https://example.com/plugin.jar /plugins/
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var findings = DockerfileFindings(subject)
        for instruction in subject.dockerfile.instructionsWithTriggers {
            guard let add = instruction.copy, add.isAdd, add.checksum == nil else { continue }
            let hosts = add.sources.compactMap { Self.remoteHost($0.text) }
            if let host = hosts.first {
                findings.fail("ADD downloads from \(host) without --checksum", at: instruction)
            }
        }
        return findings.findings
    }

    /// The host of an http(s) URL, without any user:password@ part; nil for local sources.
    static func remoteHost(_ source: String) -> String? {
        let url = source.trimmingEdges("\"'")
        let lower = url.lowercased()
        guard let scheme = ["http://", "https://"].first(where: lower.hasPrefix) else { return nil }
        let authority = url.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return String(authority.split(separator: "@").last ?? authority)
    }
}
