import EKSGuardCore

/// hadolint DL3020: `ADD` of plain files or folders.
struct DL3020AddInsteadOfCopyCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3020",
        title: "ADD used for files and folders",
        practice: .dockerfileLint,
        severity: HadolintLevel.error.severity,
        rationale: """
            `ADD` does more than copy: it unpacks local archives and fetches URLs, so a file that \
            happens to be (or later becomes) an archive is extracted into the image unnoticed. `COPY` \
            does only what it says. As in hadolint, `ADD` is accepted when every source is an \
            archive (`.tar`, `.gz`, `.tgz`, `.xz`, …; not `.zip`, which `ADD` does not extract) or an \
            `http://`/`https://` URL. Unlike hadolint, git sources (`git@…`, `git://…`) are accepted \
            too, since only `ADD` can fetch a repository.
            """,
        remediation: "Use COPY for local files and folders; keep ADD for archives to unpack and remote sources.",
        references: ["hadolint:DL3020", "trivy:AVD-DS-0005", "checkov:CKV_DOCKER_4"],
        passing: [
            .dockerfile("""
                FROM alpine:3.20
                ADD rootfs.tar.xz /
                ADD "https://example.com/tool-1.2.tgz" /opt/
                ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.bin /opt/a.bin
                ADD git@github.com:example/repo.git#v1.0 /src
                COPY app.conf /etc/app.conf
                """),
        ],
        failing: [
            .dockerfile("""
                FROM alpine:3.20
                ADD app.conf /etc/app.conf
                """, lines: [2]),
            .dockerfile("""
                FROM alpine:3.20
                ADD rootfs.tar.gz bundle.zip /opt/
                """, lines: [2]),
            .dockerfile("""
                FROM alpine:3.20
                ADD <<EOF /etc/motd
                welcome
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        for instruction in subject.dockerfile.instructions {
            guard let add = instruction.copy, add.isAdd else { continue }
            // An inline heredoc source is a plain file.
            guard !add.heredocSources.isEmpty || add.sources.contains(where: { !Self.needsAdd($0.text) }) else { continue }
            out.fail("Use COPY instead of ADD for files and folders", at: instruction)
        }
        return out.findings
    }

    /// An archive `ADD` unpacks, or a remote source only `ADD` can fetch.
    static func needsAdd(_ source: String) -> Bool {
        let path = source.unquotedPath
        return path.isArchivePath || ["http://", "https://", "git://", "git@"].contains { path.hasPrefix($0) }
    }
}
