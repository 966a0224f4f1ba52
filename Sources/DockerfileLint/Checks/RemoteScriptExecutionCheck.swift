import EKSGuardCore

/// EKS-DKR-014: a script downloaded with curl or wget is run without being checked (`curl … | sh`).
struct RemoteScriptExecutionCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-014",
        title: "Downloaded script piped into an interpreter",
        practice: .dockerfileLint,
        severity: .medium,
        rationale: """
            `curl … | sh` runs whatever the server sends at build time, as root, with nothing to check it \
            against: a compromised download site, a hijacked domain or a truncated transfer becomes code in \
            the image, and the build is not reproducible. Reported, in RUN (also ONBUILD), CMD and \
            ENTRYPOINT, including inside `sh -c '…'` and through sudo: curl, or wget writing to stdout \
            (`-O-`), piped into a shell, python, perl, ruby, node or php that reads its program from stdin \
            (`| sh`, `| bash -s --`, `| python3 -`, `| php -- --install-dir=…`); `sh -c \"$(curl …)\"`, \
            `eval \"$(wget -qO- …)\"` and `ruby -e \"$(curl …)\"`; and `bash <(curl …)` or `source <(curl …)`. \
            Piping into an interpreter that runs an inline program (`| python3 -c 'import json…'`, \
            `| jq`) is parsing data, not running it, and passes.
            """,
        remediation: "Download the script to a file, verify it against a published checksum or signature (sha256sum -c, gpg --verify), then run it; better, install a pinned package or copy the tool from a release image.",
        references: [],
        passing: [
            .dockerfile("""
                FROM debian:12
                RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\
                    && echo "2f1b6c4d0e8a9b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c  /tmp/install.sh" | sha256sum -c - \\
                    && sh /tmp/install.sh
                """),
            .dockerfile("""
                FROM python:3.12-slim
                RUN curl -fsSL https://api.github.com/repos/o/r/releases/latest | python3 -c "import json,sys; print(json.load(sys.stdin)['tag_name'])"
                """),
            .dockerfile("""
                FROM debian:12
                RUN wget -qO- https://example.com/app.tar.gz | tar xz -C /opt
                RUN wget https://example.com/a.sh | sh
                """, note: "wget without -O- writes a file, not stdout"),
            .dockerfile("""
                FROM debian:12
                RUN while read -r url; do echo "$url"; done < <(curl -fsSL https://example.com/list.txt)
                RUN bash -c "source <(kubectl completion bash)"
                """),
        ],
        failing: [
            .dockerfile("""
                FROM node:20-slim
                RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN wget -qO- https://example.com/install.sh | sudo -E sh -s -- --yes
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN curl -fsSL https://example.com/install.sh | bash -o pipefail
                """, lines: [2]),
            .dockerfile("""
                FROM php:8.3-fpm-alpine
                RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN bash <(curl -s https://example.com/install.sh)
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN eval "$(wget -qO- https://example.com/env.sh)"
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN bash -c 'curl -fsSL https://example.com/i.sh | bash'
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN <<EOF
                set -e
                curl -fsSL https://example.com/i.sh | sh
                EOF
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                ONBUILD RUN curl -fsSL https://example.com/i.sh | sh
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                CMD curl -fsSL https://example.com/boot.sh | sh
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var findings = DockerfileFindings(subject)
        for instruction in subject.dockerfile.instructionsWithTriggers {
            guard let script = instruction.executedScript, let how = Self.remoteExecution(in: script) else { continue }
            findings.fail("\(instruction.keyword) runs a downloaded script unverified: \(how)", at: instruction)
        }
        return findings.findings
    }

    /// How the script runs downloaded code, or nil.
    static func remoteExecution(in script: ShellScript) -> String? {
        // Nothing is downloaded without a downloader named in the text: skip the work for most scripts.
        guard script.source.contains("curl") || script.source.contains("wget") else { return nil }
        for pipeline in script.pipelines {
            guard let download = pipeline.firstIndex(where: RemoteCode.downloadsToStdout),
                  let interpreter = pipeline[(download + 1)...].first(where: RemoteCode.readsProgramFromStdin)
            else { continue }
            return "\(pipeline[download].baseName ?? "curl") | \(interpreter.baseName ?? "sh")"
        }
        for command in script.commands {
            for word in RemoteCode.programWords(command) {
                for body in CommandSubstitution.bodies(in: word.raw) {
                    guard let inner = try? ShellScript.parse(body),
                          let download = inner.commands.first(where: RemoteCode.downloadsToStdout) else { continue }
                    return "\(command.baseName ?? "sh") … \"$(\(download.baseName ?? "curl") …)\""
                }
            }
        }
        return processSubstitution(in: script.source)
    }

    /// `bash <(curl …)`, `source <(wget -qO- …)`, `bash < <(curl …)`: the lexer does not know process
    /// substitution, so the script text is read around each `<(`.
    static func processSubstitution(in source: String) -> String? {
        let bytes = Array(source.utf8)
        let runners: Set<String> = ShellInvocation.shells.union(["source", ".", "python", "python3", "perl", "ruby", "node", "php"])
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        func isBoundary(_ byte: UInt8) -> Bool { isSpace(byte) || ";&|()\n".utf8.contains(byte) }
        var start = 0
        while let open = SecretDetection.find(Array("<(".utf8), in: bytes, from: start) {
            start = open + 2
            var index = open + 2
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            let wordStart = index
            while index < bytes.count, !isBoundary(bytes[index]) { index += 1 }
            let downloader = CommandWrapper.baseName(String(decoding: bytes[wordStart..<index], as: UTF8.self))
            guard downloader == "curl" || downloader == "wget" else { continue }
            // The word before: skip a `<` redirection and the runner's options.
            var end = open
            while end > 0, isSpace(bytes[end - 1]) { end -= 1 }
            if end > 0, bytes[end - 1] == UInt8(ascii: "<") {
                end -= 1
                while end > 0, isSpace(bytes[end - 1]) { end -= 1 }
            }
            // A few words back at most: a runner has few options, and hostile input stays linear.
            var wordsLeft = 6
            while end > 0, wordsLeft > 0 {
                wordsLeft -= 1
                var begin = end
                while begin > 0, !isBoundary(bytes[begin - 1]) { begin -= 1 }
                guard begin < end else { break }
                let word = String(decoding: bytes[begin..<end], as: UTF8.self)
                if word.hasPrefix("-") {
                    end = begin
                    while end > 0, isSpace(bytes[end - 1]) { end -= 1 }
                    continue
                }
                let runner = CommandWrapper.baseName(word)
                if runners.contains(runner) || runner.hasPrefix("python") { return "\(runner) <(\(downloader) …)" }
                break
            }
        }
        return nil
    }
}
