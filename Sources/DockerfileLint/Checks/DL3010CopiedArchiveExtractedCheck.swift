import EKSGuardCore

/// hadolint DL3010: an archive copied with `COPY` and then extracted in a `RUN`.
struct DL3010CopiedArchiveExtractedCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3010",
        title: "Archive copied then extracted",
        practice: .dockerfileLint,
        severity: HadolintLevel.info.severity,
        rationale: """
            Copying an archive and extracting it in a later `RUN` stores it twice: the archive stays in \
            the `COPY` layer even if the `RUN` deletes it. `ADD` extracts local archives in one step. \
            Following hadolint, a `COPY` (without `--from`) of an archive, or to an archive name, is \
            reported at the `COPY` when a later `RUN` of the same stage runs `tar -x…`/`--extract`, \
            `unzip`, `gunzip`, `bunzip2`, `unxz`, `zcat` or the like on a file of that name (Windows paths \
            included); as in hadolint only the last stage is checked, `ONBUILD` is not, and a `.zip` is \
            not reported, since `ADD` does not extract it. Unlike hadolint, extraction run through \
            `sudo`, `env` or `xargs`, or inside `sh -c '…'`, is seen as well.
            """,
        remediation: "ADD the archive to the directory it should be unpacked in (ADD app.tar.gz /usr/src/app/) instead of COPY and extract.",
        references: ["hadolint:DL3010"],
        passing: [
            .dockerfile("""
                FROM debian:12
                COPY package.json /usr/src/app/
                COPY packaged-app.tar /usr/src/app/
                COPY dist.zip /tmp/
                RUN ls /usr/src/app && unzip /tmp/dist.zip
                """),
            .dockerfile("""
                FROM debian:12 AS build
                COPY --from=builder /usr/local/share/some.tar /opt/some.tar
                RUN tar -xf /opt/some.tar
                """),
            .dockerfile("""
                FROM debian:12 AS unpack
                COPY packaged-app.tar /usr/src/app/
                RUN tar -xf /usr/src/app/packaged-app.tar
                FROM debian:12
                RUN echo done
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                COPY packaged-app.tar /usr/src/app/
                RUN tar -xf /usr/src/app/packaged-app.tar
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                COPY packaged-app.tar /usr/src/app/
                WORKDIR /usr/src/app
                RUN foo bar && echo something && tar -xf packaged-app.tar
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                COPY foo/bar/packaged-app.tar /foo.tar
                RUN tar -xf /foo.tar
                """, lines: [2]),
            .dockerfile("""
                FROM mcr.microsoft.com/windows/servercore:ltsc2022
                COPY build\\foo\\bar.tar.gz "C:\\Program Files\\Foo"
                RUN tar -xf "C:\\Program Files\\Foo\\bar.tar.gz"
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                COPY dist.tar.gz /tmp/
                RUN <<EOF
                gunzip /tmp/dist.tar.gz
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard let body = subject.dockerfile.stageBodies.last else { return [] }
        var out = DockerfileFindings(subject)
        // Archive names remembered per COPY, in order.
        var copied: [(instruction: Instruction, names: Set<String>)] = []
        var reported: Set<Int> = []
        for instruction in body {
            if let copy = instruction.copy, !copy.isAdd, copy.from == nil {
                let destination = copy.destination.text
                let names = destination.isArchivePath
                    ? [destination.pathBaseName]
                    : copy.sources.map(\.text).filter(\.isArchivePath).map(\.pathBaseName)
                if !names.isEmpty { copied.append((instruction, Set(names))) }
            }
            guard let run = instruction.run else { continue }
            let extracted = Set(run.script.commands.filter(Self.extracts).flatMap { $0.operands().map(\.value.pathBaseName) })
            for (index, entry) in copied.enumerated() where !reported.contains(index) && !entry.names.isDisjoint(with: extracted) {
                reported.insert(index)
                out.fail("Use `ADD` for extracting archives into an image.", at: entry.instruction)
            }
        }
        return out.findings
    }

    static let decompressors: Set<String> = [
        "unzip", "gunzip", "bunzip2", "unlzma", "unxz", "zgz", "uncompress", "zcat", "gzcat",
    ]

    /// `tar` asked to extract (`-x…`, `--extract`, `--get`), or a decompressor.
    static func extracts(_ command: Command) -> Bool {
        if command.is("tar") {
            return command.argumentValues.contains { $0 == "--extract" || $0 == "--get" || $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("x") }
        }
        return decompressors.contains(command.baseName ?? "")
    }
}
