@testable import DockerfileLint
import EKSGuardCore
import Testing

/// Parses or records the error as a test failure.
func parse(_ text: String, limits: DockerfileLimits = .standard) throws -> Dockerfile {
    try Dockerfile.parse(text, limits: limits)
}

/// The error a text must produce.
func parseError(_ text: String, limits: DockerfileLimits = .standard) -> DockerfileParseError? {
    do {
        _ = try Dockerfile.parse(text, limits: limits)
        return nil
    } catch {
        return error
    }
}

@Suite struct DirectiveTests {
    @Test func directivesAtTheTopAreRead() throws {
        let file = try parse("# syntax=docker/dockerfile:1.7\n#ESCAPE = `\n# check=skip=JSONArgsRecommended\nFROM alpine\n")
        #expect(file.directives.syntax == "docker/dockerfile:1.7")
        #expect(file.directives.check == "skip=JSONArgsRecommended")
        #expect(file.escape == "`")
        #expect(file.directives.all.map(\.name) == ["syntax", "escape", "check"])
        #expect(file.directives.all[1].position == SourcePosition(line: 2, column: 1))
        #expect(file.comments.isEmpty)
    }

    @Test(arguments: [
        "# hello\n# escape=`\nFROM alpine\n",        // a comment first
        "\n# escape=`\nFROM alpine\n",               // a blank line first
        "FROM alpine\n# escape=`\n",                 // after an instruction
        "# unknown=1\n# escape=`\nFROM alpine\n",    // an unknown directive ends the block
    ])
    func directivesAfterOtherLinesAreComments(text: String) throws {
        let file = try parse(text)
        #expect(file.escape == "\\")
        #expect(file.comments.contains { $0.text.hasPrefix("escape") })
    }

    @Test func repeatedDirectiveIsAnError() {
        #expect(parseError("# escape=\\\n# escape=`\nFROM a\n")?.kind == .invalidDirective)
    }

    @Test func invalidEscapeIsAnError() {
        let error = parseError("# escape=x\nFROM a\n")
        #expect(error?.kind == .invalidDirective)
        #expect(error?.line == 1)
    }

    @Test func backtickEscapeKeepsWindowsPaths() throws {
        let file = try parse("""
            # escape=`
            FROM mcr.microsoft.com/windows/servercore
            COPY testfile.txt c:\\
            RUN dir c:\\ `
                && echo done
            WORKDIR C:\\app
            """)
        let copy = try #require(file.instructions[1].copy)
        #expect(copy.destination.text == "c:\\")
        #expect(file.instructions[2].argumentText == "dir c:\\     && echo done")
        #expect(file.instructions[2].endLine == 5)
        #expect(file.instructions[3].workdir?.path == "C:\\app")
        #expect(file.instructions[3].workdir?.isAbsolute == true)
    }
}

@Suite struct ContinuationTests {
    @Test func commentsAndBlankLinesInsideContinuationsAreDropped() throws {
        let file = try parse("""
            FROM debian
            RUN apt-get update \\
            # a comment inside
                 && apt-get install -y curl \\

                 && rm -rf /var/lib/apt/lists/*
            """)
        let run = file.instructions[1]
        #expect(run.argumentText == "apt-get update      && apt-get install -y curl      && rm -rf /var/lib/apt/lists/*")
        #expect(run.position == SourcePosition(line: 2, column: 1))
        #expect(run.endLine == 6)
        #expect(file.comments.map(\.text) == ["a comment inside"])
        #expect(file.comments[0].isInsideInstruction)
        #expect(file.emptyContinuationLines == [5])
        let commands = try #require(run.run?.script.commands)
        #expect(commands.compactMap(\.name) == ["apt-get", "apt-get", "rm"])
    }

    @Test func positionsFollowContinuationLines() throws {
        let file = try parse("FROM debian\n  RUN echo a \\\n    && curl -k https://x \\\n\t&& true\n")
        let run = try #require(file.instructions[1].run)
        #expect(file.instructions[1].position == SourcePosition(line: 2, column: 3))
        #expect(run.script.commands.map(\.position) == [
            SourcePosition(line: 2, column: 7), SourcePosition(line: 3, column: 8), SourcePosition(line: 4, column: 5),
        ])
        let flag = try #require(run.script.commands[1].arguments.first)
        #expect(flag.value == "-k")
        #expect(flag.position == SourcePosition(line: 3, column: 13))
    }

    @Test func doubledEscapeAtEndDoesNotContinue() throws {
        let file = try parse("FROM a\nRUN echo foo\\\\\nRUN echo bar\n")
        #expect(file.instructions.count == 3)
    }

    @Test func escapeFollowedBySpacesContinues() throws {
        let file = try parse("FROM a\nRUN echo a \\  \t\n  b\n")
        #expect(file.instructions[1].argumentText == "echo a   b")
    }

    @Test func crlfLineEndingsAndByteOrderMark() throws {
        let file = try parse("\u{FEFF}FROM alpine\r\nRUN echo a \\\r\n  b\r\n")
        #expect(file.instructions[0].position == SourcePosition(line: 1, column: 1))
        #expect(file.instructions[1].argumentText == "echo a   b")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let file = try parse("FROM a\nLABEL x=\"é\" y=1\n")
        let pairs = try #require(file.instructions[1].keyValues?.pairs)
        #expect(pairs[1].keyPosition == SourcePosition(line: 2, column: 13))
    }
}

@Suite struct InstructionTests {
    @Test(arguments: ["from alpine", "FROM alpine", "From alpine"])
    func keywordsAreCaseInsensitive(line: String) throws {
        let instruction = try parse(line).instructions[0]
        #expect(instruction.kind == .from)
        #expect(instruction.keyword == "FROM")
        #expect(instruction.keywordSpelling == String(line.prefix(4)))
    }

    @Test func unknownInstructionIsAnError() {
        let error = parseError("FROM a\nRUNN echo\n")
        #expect(error == DockerfileParseError(.unknownInstruction, line: 2, "unknown instruction: RUNN"))
    }

    @Test(arguments: [
        ("", DockerfileParseError.Kind.noInstructions),
        ("# only a comment\n\n", .noInstructions),
        ("FROM\n", .invalidArguments),
        ("FROM a b\n", .invalidArguments),
        ("FROM a IS b\n", .invalidArguments),
        ("FROM a AS 1stage\n", .invalidArguments),
        ("FROM a\nENV\n", .invalidArguments),
        ("FROM a\nENV onlykey\n", .invalidArguments),
        ("FROM a\nENV a=1 b\n", .invalidArguments),
        ("FROM a\nARG\n", .invalidArguments),
        ("FROM a\nARG =x\n", .invalidArguments),
        ("FROM a\nCOPY onlyone\n", .invalidArguments),
        ("FROM a\nSHELL /bin/bash -c\n", .invalidArguments),
        ("FROM a\nRUN [\"a\", 1]\n", .invalidArguments),
        ("FROM a\nHEALTHCHECK NONE x\n", .invalidArguments),
        ("FROM a\nHEALTHCHECK CMD\n", .invalidArguments),
        ("FROM a\nHEALTHCHECK PING x\n", .invalidArguments),
        ("FROM a\nONBUILD ONBUILD RUN x\n", .invalidArguments),
        ("FROM a\nONBUILD FROM b\n", .invalidArguments),
        ("FROM a\nEXPOSE\n", .invalidArguments),
        ("FROM a\nUSER\n", .invalidArguments),
    ])
    func invalidInstructions(text: String, kind: DockerfileParseError.Kind) {
        let error = parseError(text)
        #expect(error?.kind == kind, "\(text.debugDescription): \(String(describing: error))")
        if kind != .noInstructions { #expect(error?.line ?? 0 > 0) }
    }

    @Test func flagsAreLeadingOptionsOnly() throws {
        let file = try parse("""
            FROM --platform=$BUILDPLATFORM golang:1.22 AS Build
            RUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=aws,target=/root/.aws/credentials \\
                --network=none --security=insecure go build --tags x ./...
            COPY --from=build --chown=app:app --chmod=0755 --link --exclude=*.md --exclude=docs /out/ /app/
            ADD --checksum=sha256:abc --keep-git-dir=true https://example.com/x.tgz /x/
            """)
        let from = try #require(file.instructions[0].from)
        #expect(from.platform == "$BUILDPLATFORM")
        #expect(from.alias == "build")
        #expect(from.aliasSpelling == "Build")
        #expect(from.image.repository == "golang")
        #expect(from.image.tag == "1.22")
        #expect(file.instructions[0].flags[0].position == SourcePosition(line: 1, column: 6))

        let run = try #require(file.instructions[1].run)
        #expect(run.mounts.map(\.type) == ["cache", "secret"])
        #expect(run.mounts[1]["id"] == "aws")
        #expect(run.mounts[1].target == "/root/.aws/credentials")
        #expect(run.network == "none")
        #expect(run.security == "insecure")
        #expect(run.script.commands.first?.name == "go")
        #expect(run.script.commands.first?.hasFlag("--tags") == true)

        let copy = try #require(file.instructions[2].copy)
        #expect(copy.from == "build")
        #expect(copy.chown == "app:app")
        #expect(copy.chmod == "0755")
        #expect(copy.link)
        #expect(copy.excludes == ["*.md", "docs"])
        #expect(copy.sources.map(\.text) == ["/out/"])
        #expect(copy.destination.text == "/app/")
        #expect(copy.destination.position == SourcePosition(line: 4, column: 91))

        let add = try #require(file.instructions[3].copy)
        #expect(add.isAdd)
        #expect(add.checksum == "sha256:abc")
        #expect(add.keepGitDir)
        #expect(file.instructions[3].flag("keep-git-dir")?.value == "true")
    }

    @Test func quotedFlagValuesAndDoubleDash() throws {
        let file = try parse("FROM a\nCOPY --chown=\"app user\" -- --weird /x\n")
        let copy = try #require(file.instructions[1].copy)
        #expect(copy.chown == "app user")
        #expect(copy.sources.map(\.text) == ["--weird"])
    }

    @Test(arguments: [
        ("CMD [\"nginx\", \"-g\", \"daemon off;\"]", ArgumentForm.exec(["nginx", "-g", "daemon off;"])),
        ("CMD [ \"a\\\"b\", \"\\u00e9\\n\" ]", .exec(["a\"b", "é\n"])),
        ("CMD []", .exec([])),
        ("CMD [\"a\", ]", .shell("[\"a\", ]")),
        ("CMD ['single']", .shell("['single']")),
        ("CMD [\"a\"] extra", .shell("[\"a\"] extra")),
        ("CMD [\"unterminated", .shell("[\"unterminated")),
        ("ENTRYPOINT exec nginx", .shell("exec nginx")),
    ])
    func execFormAndMalformedFallback(line: String, form: ArgumentForm) throws {
        let instruction = try parse("FROM a\n" + line + "\n").instructions[1]
        #expect(instruction.form == form)
        #expect(instruction.command?.form == form)
    }

    @Test func execFormRunIsOneCommandAndShCIsNested() throws {
        let file = try parse("FROM a\nRUN [\"/bin/sh\", \"-c\", \"apt-get update && apt-get install -y x\"]\n")
        let commands = try #require(file.instructions[1].run?.script.commands)
        #expect(commands.map(\.name) == ["/bin/sh", "apt-get", "apt-get"])
        #expect(commands.map(\.nestingLevel) == [0, 1, 1])
    }

    @Test func envAndLabelForms() throws {
        let file = try parse("""
            FROM a
            ENV PATH=/opt/bin:$PATH LANG="C.UTF-8" EMPTY= QUOTED='it''s' ESC=a\\ b
            ENV LEGACY_KEY some value with "quotes"
            LABEL "com.example.vendor"="ACME Inc" version=1.0 description="multi word"
            """)
        let env = try #require(file.instructions[1].keyValues)
        #expect(!env.isLegacyForm)
        #expect(env.pairs.map(\.key) == ["PATH", "LANG", "EMPTY", "QUOTED", "ESC"])
        #expect(env.pairs.map(\.value) == ["/opt/bin:$PATH", "C.UTF-8", "", "its", "a b"])
        #expect(env.pairs[1].rawValue == "\"C.UTF-8\"")
        #expect(env.pairs[1].keyPosition == SourcePosition(line: 2, column: 25))
        #expect(env.pairs[1].valuePosition == SourcePosition(line: 2, column: 30))

        let legacy = try #require(file.instructions[2].keyValues)
        #expect(legacy.isLegacyForm)
        #expect(legacy.pairs.count == 1)
        #expect(legacy["LEGACY_KEY"] == "some value with quotes")
        #expect(legacy.pairs[0].rawValue == "some value with \"quotes\"")

        let label = try #require(file.instructions[3].keyValues)
        #expect(label["com.example.vendor"] == "ACME Inc")
        #expect(label["description"] == "multi word")
    }

    @Test func argWithAndWithoutDefaults() throws {
        let arg = try #require(try parse("ARG A B=2 C=\"x y\" D=\nFROM a\n").instructions[0].arg)
        #expect(arg.declarations.map(\.name) == ["A", "B", "C", "D"])
        #expect(arg.declarations.map(\.defaultValue) == [nil, "2", "x y", ""])
        #expect(arg.declarations[2].rawDefault == "\"x y\"")
    }

    @Test func otherTypedViews() throws {
        let file = try parse("""
            FROM a
            USER app:staff
            WORKDIR /srv/app
            EXPOSE 80 443/TCP 8000-8010/udp $PORT
            SHELL ["/bin/bash", "-o", "pipefail", "-c"]
            HEALTHCHECK --interval=30s --retries=3 CMD curl -f http://localhost/ || exit 1
            STOPSIGNAL SIGTERM
            VOLUME ["/data", "/logs"]
            VOLUME /a /b
            MAINTAINER someone@example.com
            HEALTHCHECK NONE
            """)
        let user = try #require(file.instructions[1].user)
        #expect(user.user == "app")
        #expect(user.group == "staff")
        #expect(file.instructions[2].workdir?.path == "/srv/app")
        let ports = try #require(file.instructions[3].expose?.ports)
        #expect(ports.map(\.start) == [80, 443, 8000, nil])
        #expect(ports.map(\.end) == [80, 443, 8010, nil])
        #expect(ports.map(\.protocol) == ["tcp", "tcp", "udp", "tcp"])
        #expect(file.instructions[4].shell?.argv == ["/bin/bash", "-o", "pipefail", "-c"])
        let health = try #require(file.instructions[5].healthcheck)
        #expect(!health.isNone)
        #expect(health.interval == "30s")
        #expect(health.retries == "3")
        #expect(health.script.commands.map(\.name) == ["curl", "exit"])
        #expect(file.instructions[6].stopSignal?.signal == "SIGTERM")
        #expect(file.instructions[7].volume?.paths.map(\.text) == ["/data", "/logs"])
        #expect(file.instructions[8].volume?.paths.map(\.text) == ["/a", "/b"])
        #expect(file.instructions[9].maintainer?.name == "someone@example.com")
        #expect(file.instructions[10].healthcheck?.isNone == true)
    }

    @Test func shellInstructionChangesTheShellOfLaterRuns() throws {
        let file = try parse("""
            FROM a AS base
            SHELL ["pwsh", "-Command"]
            RUN Get-ChildItem
            FROM base
            RUN dir
            FROM b
            RUN ls
            """)
        #expect(file.instructions[2].run?.shell == ["pwsh", "-Command"])
        #expect(file.instructions[2].run?.usesPOSIXShell == false)
        #expect(file.instructions[4].run?.shell == ["pwsh", "-Command"])
        #expect(file.instructions[6].run?.shell == ["/bin/sh", "-c"])
        #expect(file.instructions[6].run?.usesPOSIXShell == true)
    }

    @Test func onbuildWrapsItsTrigger() throws {
        let file = try parse("FROM a\nONBUILD  run --mount=type=cache,target=/c apt-get install -y x\nONBUILD COPY . /app\n")
        let onbuild = file.instructions[1]
        #expect(onbuild.kind == .onbuild)
        let trigger = try #require(onbuild.trigger)
        #expect(trigger.kind == .run)
        #expect(trigger.keywordSpelling == "run")
        #expect(trigger.position == SourcePosition(line: 2, column: 10))
        #expect(trigger.run?.mounts.first?.target == "/c")
        #expect(trigger.run?.script.commands.first?.hasFlag("-y") == true)
        #expect(trigger.run?.script.commands.first?.position == SourcePosition(line: 2, column: 43))
        #expect(file.instructions[2].trigger?.copy?.destination.text == "/app")
    }

    @Test func imageReferences() {
        let full = ImageReference("registry.example.com:5000/team/app:1.2@sha256:abc")
        #expect(full.registry == "registry.example.com:5000")
        #expect(full.repository == "team/app")
        #expect(full.tag == "1.2")
        #expect(full.digest == "sha256:abc")
        #expect(full.name == "registry.example.com:5000/team/app")
        let hub = ImageReference("library/ubuntu")
        #expect(hub.registry == nil)
        #expect(hub.tag == nil)
        #expect(ImageReference("localhost/x:latest").registry == "localhost")
        #expect(ImageReference("localhost:5000/x").tag == nil)
        #expect(ImageReference("SCRATCH").isScratch)
    }
}

@Suite struct StageAndCommentTests {
    @Test func stagesWithCaseInsensitiveAliases() throws {
        let file = try parse("""
            ARG BASE=debian
            ARG TAG=bookworm-slim
            FROM ${BASE}:${TAG} AS Builder
            RUN make
            FROM builder as test
            RUN make test
            FROM scratch
            COPY --from=BUILDER /out /
            """)
        #expect(file.globalInstructions.map(\.kind) == [.arg, .arg])
        #expect(file.stages.count == 3)
        #expect(file.stages.map(\.alias) == ["builder", "test", nil])
        #expect(file.stages[0].resolvedImage.raw == "debian:bookworm-slim")
        #expect(file.stages[0].baseImage.raw == "${BASE}:${TAG}")
        #expect(file.stages[1].baseStageIndex == 0)
        #expect(file.stages[2].baseStageIndex == nil)
        #expect(file.stages[0].instructions.map(\.kind) == [.run])
        #expect(file.stage(named: "BUILDER")?.index == 0)
        #expect(file.finalStage?.baseImage.isScratch == true)
        #expect(file.stage(containing: file.instructions[5])?.alias == "test")
        #expect(file.instructions[4].from?.asSpelling == "as")
    }

    @Test func commentsAndIgnorePragmas() throws {
        let file = try parse("""
            # hadolint global ignore=DL3006
            FROM ubuntu
            # hadolint ignore=DL3008, DL3009
            RUN apt-get update && apt-get install -y curl
            # eksguard ignore=DKR-001 # it is fine here
            ENV TOKEN=x
            # hadolint ignore=DL3002

            USER root
            """)
        #expect(file.comments.count == 4)
        #expect(file.comments[1].position == SourcePosition(line: 3, column: 1))
        #expect(file.globalIgnorePragmas.flatMap(\.ruleIDs) == ["DL3006"])
        #expect(file.ignoredRuleIDs(for: file.instructions[1]) == ["DL3008", "DL3009"])
        #expect(file.ignoredRuleIDs(for: file.instructions[2]) == ["DKR-001"])
        #expect(file.ignorePragmas(for: file.instructions[2]).first?.tool == "eksguard")
        // A blank line between the pragma and the instruction breaks the link, as in hadolint.
        #expect(file.ignoredRuleIDs(for: file.instructions[3]).isEmpty)
        #expect(file.ignoredRuleIDs(for: file.instructions[0]).isEmpty)
    }

    @Test(arguments: [
        ("hadolint ignore=DL3008", ["DL3008"]),
        ("hadolint ignore = DL3008 ,\tDL3015", ["DL3008", "DL3015"]),
        ("hadolint ignore=DL3008,SC2086 # apt pinning is done upstream", ["DL3008", "SC2086"]),
        ("eksguard global ignore=DKR-001", ["DKR-001"]),
        ("eksguard ignore=EKS-POD-007,dkr-002", ["EKS-POD-007", "dkr-002"]),
        ("hadolint ignore=DL3008 because", [String]()),   // hadolint rejects trailing text
        ("hadolint ignore=dl3008", []),                  // and IDs outside [DLSC0-9]
        ("Hadolint ignore=DL3008", []),
        ("hadolint ignore=", []),
        ("hadolint ignored=DL3008", []),
        ("shellcheck disable=SC2086", []),
        ("just a comment", []),
    ])
    func pragmaParsing(text: String, ids: [String]) {
        #expect(IgnorePragma(parsing: text, at: SourcePosition(line: 1, column: 1))?.ruleIDs ?? [] == ids)
    }
}
