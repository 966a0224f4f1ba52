@testable import DockerfileLint
import EKSGuardCore
import Testing

/// Property: however a valid Dockerfile is damaged, the parser returns a result or an error, and a
/// result is internally consistent. 2,000 seeded mutations, the same ones on every run.
@Suite(.timeLimit(.minutes(2))) struct MutationPropertyTests {
    static let seed = """
        # syntax=docker/dockerfile:1.7
        # escape=\\
        ARG BASE=debian:bookworm-slim
        FROM --platform=$BUILDPLATFORM ${BASE} AS Build
        # hadolint ignore=DL3008,DL3009
        RUN --mount=type=cache,target=/var/cache/apt apt-get update \\
            # comment inside
            && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl ca-certificates \\

            && rm -rf /var/lib/apt/lists/*
        RUN <<EOF
        set -eux
        curl -fsSL https://example.com/install.sh | sh -s -- --yes
        cat > /etc/app.conf <<'CONF'
        key=value
        CONF
        EOF
        COPY --from=build --chown=app:app <<-"SCRIPT" /usr/local/bin/start
        \t#!/bin/sh
        \texec "$@"
        \tSCRIPT
        ENV PATH=/opt/bin:$PATH LANG="C.UTF-8"
        ENV LEGACY value with spaces
        LABEL org.opencontainers.image.title="demo app" version=1.0
        EXPOSE 80 443/tcp 8000-8010/udp
        SHELL ["/bin/bash", "-o", "pipefail", "-c"]
        RUN sh -c 'sudo -E env A=b xargs -r apt-get install -qy $(cat pkgs)' || (echo failed; exit 1)
        HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1
        ONBUILD RUN echo "${A:-default}" `date` && case "$X" in a) echo a ;; *) : ;; esac
        WORKDIR /srv/app
        USER app:app
        VOLUME ["/data"]
        STOPSIGNAL SIGTERM
        CMD ["nginx", "-g", "daemon off;"]
        ENTRYPOINT exec /usr/local/bin/start
        """

    static let tokens: [[UInt8]] = [
        "\\", "\"", "'", "$", "${", "$(", ")", "}", "[", "]", "<<", "<<-", "EOF", "\n", "\t", " ", "=", "|", "&&",
        ";", "`", "#", "--", "-c", "sh -c '", "ONBUILD ", "FROM ", "AS ", "\u{FEFF}", "é", "\r\n", "# escape=`\n",
        "RUN <<X\n", "[\"a\", 1]", "\\\n", "((", "case ", " in ", "esac",
    ].map { Array($0.utf8) }

    static func mutate(_ bytes: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<9, using: &generator) {
            case 0 where !bytes.isEmpty:
                bytes.remove(at: position)
            case 1:
                bytes.insert(contentsOf: tokens.randomElement(using: &generator)!, at: position)
            case 2 where !bytes.isEmpty:
                // Any byte but NUL, so most cases get past the binary check and exercise the parser.
                bytes[position] = UInt8.random(in: 1...255, using: &generator)
            case 3:
                bytes = Array(bytes.prefix(position))
            default:
                var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
                let line = Int.random(in: 0..<lines.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: lines.remove(at: line)
                case 1: lines.insert(lines[line], at: line)
                case 2: lines.swapAt(line, Int.random(in: 0..<lines.count, using: &generator))
                default: lines[line] = tokens.randomElement(using: &generator)! + lines[line]
                }
                bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            }
        }
        return bytes
    }

    @Test func seedParses() throws {
        let file = try parse(Self.seed)
        #expect(file.instructions.count == 19)
        #expect(file.stages.count == 1)
        #expect(file.instructions[3].run?.script.commands.map(\.name) == ["set", "curl", "sh", "cat"])
        #expect(file.instructions[4].copy?.heredocSources.first?.body == "#!/bin/sh\nexec \"$@\"\n")
        #expect(file.instructions[10].run?.script.commands.compactMap(\.name) == ["sh", "apt-get", "cat", "echo", "exit"])
    }

    @Test func mutationsNeverCrash() {
        var generator = SeededGenerator(seed: 0x5EED_D0CF)
        let seed = Array(Self.seed.utf8)
        var results = 0
        var errors = 0
        for _ in 0..<2_000 {
            let input = Self.mutate(seed, using: &generator)
            do {
                let file = try Dockerfile.parse(bytes: input)
                results += 1
                Self.checkConsistency(file)
            } catch {
                errors += 1
                #expect(!error.reason.isEmpty)
                #expect(error.line >= 0 && error.line <= input.count + 1)
            }
        }
        #expect(results + errors == 2_000)
        // Both outcomes must be exercised, or the mutations are too mild or too harsh to mean anything.
        #expect(results > 100)
        #expect(errors > 100)
    }

    /// Walks everything rules use, so accessors are exercised on damaged input too.
    static func checkConsistency(_ file: Dockerfile) {
        var previousLine = 0
        var environment = Environment(escape: file.escape)
        for instruction in file.instructions {
            #expect(instruction.position.line > previousLine)
            #expect(instruction.endLine >= instruction.position.line)
            #expect(instruction.endLine <= file.lineCount)
            previousLine = instruction.endLine
            _ = file.ignoredRuleIDs(for: instruction)
            _ = environment.expand(instruction.argumentText)
            environment.apply(instruction)
            for target in [instruction, instruction.trigger].compactMap({ $0 }) {
                let scripts = [target.run?.script, target.command?.script, target.healthcheck?.script].compactMap { $0 }
                for script in scripts {
                    _ = script.pipelines
                    for command in script.commands {
                        let position = command.position
                        #expect(position.line >= 1 && position.line <= file.lineCount)
                        _ = command.hasAnyFlag(["-y", "--yes", "-qq"])
                        _ = command.flagValue("-o")
                        _ = command.positionalArguments(valueFlags: ["-o"])
                        _ = command.redirects.map(\.heredocBody)
                    }
                }
                for heredoc in target.heredocs {
                    #expect(heredoc.bodyLine <= heredoc.terminatorLine)
                    #expect(heredoc.terminatorLine <= instruction.endLine)
                }
            }
        }
        for stage in file.stages {
            _ = stage.resolvedImage.name
            _ = stage.endLine
        }
        _ = file.globalIgnorePragmas
    }
}
