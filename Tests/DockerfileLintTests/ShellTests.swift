@testable import DockerfileLint
import EKSGuardCore
import Testing

func commands(_ script: String) throws -> [Command] {
    try ShellScript.parse(script).commands
}

@Suite struct ShellSplittingTests {
    @Test(arguments: [
        ("a && b", Separator.and), ("a || b", .or), ("a ; b", .semicolon), ("a | b", .pipe), ("a |& b", .pipeWithStderr),
        ("a & b", .background), ("a\nb", .newline), ("a&&b", .and), ("a;b", .semicolon), ("a|b", .pipe),
    ])
    func eachSeparator(script: String, separator: Separator) throws {
        let parsed = try commands(script)
        #expect(parsed.map(\.name) == ["a", "b"])
        #expect(parsed[0].separator == separator)
        #expect(parsed[1].separator == .end)
        #expect(parsed[0].isPipedToNext == separator.isPipe)
        #expect(parsed[1].isPipedFrom == separator.isPipe)
    }

    @Test func quotingAndEscapes() throws {
        let command = try #require(try commands(#"echo 'a && b' "c; $HOME d" e\ f \"g '' "" $'x\ty'"#).first)
        #expect(command.argumentValues == ["a && b", "c; $HOME d", "e f", "\"g", "", "", "x\ty"])
        #expect(command.arguments[1].hasSubstitution)
        #expect(!command.arguments[0].hasSubstitution)
        #expect(command.arguments[0].raw == "'a && b'")
        #expect(command.arguments.allSatisfy { $0.isQuoted })
    }

    /// Substitutions stay inside their words, and their commands are also listed, nested, right
    /// after the command whose word holds them (hadolint sees them too).
    @Test func substitutionsStayInsideTheirWordsAndTheirCommandsAreNested() throws {
        let all = try commands(#"VERSION="$(curl -s "https://x/$(echo v)" | jq -r '.tag')" && echo `date | tr a b` ${A:-"x y"} $((1 + 2))"#)
        #expect(all.filter(\.isNested).compactMap(\.name) == ["curl", "echo", "jq", "date", "tr"])
        let parsed = all.filter { !$0.isNested }
        #expect(parsed.count == 2)
        #expect(parsed[0].name == nil)
        #expect(parsed[0].assignments.first?.assignmentName == "VERSION")
        #expect(parsed[1].name == "echo")
        #expect(parsed[1].argumentValues == ["`date | tr a b`", "${A:-\"x y\"}", "$((1 + 2))"])
    }

    @Test func commentsAtWordStartOnly() throws {
        let parsed = try commands("echo a#b # comment && not-a-command\nls # another")
        #expect(parsed.map(\.name) == ["echo", "ls"])
        #expect(parsed[0].argumentValues == ["a#b"])
    }

    @Test func redirections() throws {
        let command = try #require(try commands("cmd > /out 2>&1 <in >>log 3< f &>all <<<word x").first)
        #expect(command.argumentValues == ["x"])
        #expect(command.redirects.map(\.op) == [.output, .duplicateOutput, .input, .append, .input, .outputAndError, .hereString])
        #expect(command.redirects.map(\.fileDescriptor) == [nil, 2, nil, nil, 3, nil, nil])
        #expect(command.redirects.map { $0.target?.value } == ["/out", "1", "in", "log", "f", "all", "word"])
    }

    @Test func subshellsGroupsAndKeywords() throws {
        let parsed = try commands("""
            (cd /src && make) | tee log
            { echo a; echo b; } > out
            if [ -f x ]; then rm x; elif true; then :; else echo no; fi
            for f in a b c; do gzip "$f"; done
            while read -r line; do echo "$line"; done < file
            case "$ARCH" in amd64|x86_64) arch=x64 ;; arm64) echo arm ;; *) exit 1 ;; esac
            [[ -f a && -d b ]] || mkdir b
            f() { echo inside; }
            function g { echo in-g; }
            """)
        #expect(parsed.map { $0.name ?? "=" } == [
            "cd", "make", "tee", "echo", "echo", "[", "rm", "true", ":", "echo", "gzip", "read", "echo",
            "=", "echo", "exit", "[[", "mkdir", "echo", "echo",
        ])
        #expect(parsed[1].isPipedToNext)
        #expect(parsed[2].isPipedFrom)
        #expect(parsed[16].argumentValues == ["-f", "a", "&&", "-d", "b", "]]"])
        #expect(parsed[16].separator == .or)
    }

    @Test func pipelinesGroupCommandsJoinedByPipes() throws {
        let script = try ShellScript.parse("curl -fsSL https://x | sh && apt-get update | grep -v x | tail -1; true")
        #expect(script.pipelines.map { $0.map { $0.name ?? "" } } == [["curl", "sh"], ["apt-get", "grep", "tail"], ["true"]])
        #expect(script.hasPipes)
        #expect(script.commands(named: "apt-get").count == 1)
    }

    @Test func inlineHeredocBodiesAreNotCommands() throws {
        let parsed = try commands("cat <<EOF > /x\nrm -rf /\nEOF\necho done\ncat <<-'END'\n\trm -rf /\n\tEND\n")
        #expect(parsed.map(\.name) == ["cat", "echo", "cat"])
        #expect(parsed[0].redirects.first?.heredocBody == "rm -rf /\n")
        #expect(parsed[2].redirects.first?.heredocBody == "rm -rf /\n")
    }

    @Test func unterminatedQuotesAreIssuesNotErrors() throws {
        let script = try ShellScript.parse("echo 'unterminated && rm x")
        #expect(script.commands.count == 1)
        #expect(script.issues == ["unterminated single quote"])
    }
}

@Suite struct ShellSeeThroughTests {
    @Test(arguments: [
        ("apt-get install -y x", "apt-get", [String]()),
        ("DEBIAN_FRONTEND=noninteractive apt-get install -y x", "apt-get", []),
        ("env DEBIAN_FRONTEND=noninteractive apt-get install -y x", "apt-get", ["env"]),
        ("env -i PATH=/bin -u HOME apt-get install -y x", "apt-get", ["env"]),
        ("sudo apt-get install -y x", "apt-get", ["sudo"]),
        ("sudo -E -u root apt-get install -y x", "apt-get", ["sudo"]),
        ("sudo -Eu root -- apt-get install -y x", "apt-get", ["sudo"]),
        ("sudo --user=root env A=b apt-get install -y x", "apt-get", ["sudo", "env"]),
        ("xargs -r -n 1 -I {} apt-get install -y x", "apt-get", ["xargs"]),
        ("nice -n 10 apt-get install -y x", "apt-get", ["nice"]),
        ("time -p apt-get install -y x", "apt-get", ["time"]),
        ("exec apt-get install -y x", "apt-get", ["exec"]),
        ("command apt-get install -y x", "apt-get", ["command"]),
        ("nohup timeout -s KILL 30 /usr/bin/apt-get install -y x", "/usr/bin/apt-get", ["nohup", "timeout"]),
    ])
    func wrappersAreSeenThrough(script: String, name: String, wrappers: [String]) throws {
        let command = try #require(try commands(script).first)
        #expect(command.name == name)
        #expect(command.baseName == "apt-get")
        #expect(command.wrappers == wrappers)
        #expect(command.positionalArguments().map(\.value) == ["install", "x"])
        #expect(command.hasFlag("-y"))
        #expect(command.is("apt-get"))
    }

    @Test(arguments: [("sudo", "sudo"), ("sudo -v", "sudo"), ("command -v curl", "command"), ("xargs", "xargs"), ("A=1 B=2", nil)])
    func wrapperWithoutCommand(script: String, name: String?) throws {
        #expect(try commands(script).first?.name == name)
    }

    @Test func shDashCBodiesAreNested() throws {
        let parsed = try commands(#"su-exec app sh -c 'apt-get update && apt-get install -y curl' && bash -ec "pip install -q x | tee log""#)
        #expect(parsed.map(\.name) == ["sh", "apt-get", "apt-get", "bash", "pip", "tee"])
        try #require(parsed.count == 6)
        #expect(parsed[0].wrappers == ["su-exec"])
        #expect(parsed.map(\.nestingLevel) == [0, 1, 1, 0, 1, 1])
        #expect(parsed[2].hasFlag("-y"))
        #expect(parsed[4].isPipedToNext)
        #expect(parsed[0].separator == .and)
        #expect(parsed[1].isNested)
    }

    @Test func nestedShDashC() throws {
        let parsed = try commands(#"sh -c "bash -o pipefail -c 'curl x | sh'""#)
        #expect(parsed.map(\.name) == ["sh", "bash", "curl", "sh"])
        #expect(parsed.map(\.nestingLevel) == [0, 1, 2, 2])
    }

    @Test func nestedCommandPositionsPointAtTheScriptWord() throws {
        let file = try parse("FROM a\nRUN sh -c 'curl -k https://x'\n")
        let curl = try #require(file.instructions[1].run?.script.commands.last)
        #expect(curl.name == "curl")
        #expect(curl.position == SourcePosition(line: 2, column: 12))
    }
}

@Suite struct ShellFlagTests {
    @Test func combinedShortFlagsAndLongForms() throws {
        let command = try #require(try commands("apt-get -qy --no-install-recommends --option=Dpkg::x install pkg").first)
        #expect(command.hasFlag("-y"))
        #expect(command.hasFlag("-q"))
        #expect(command.hasFlag("y"))
        #expect(command.hasFlag("--no-install-recommends"))
        #expect(command.hasFlag("no-install-recommends"))
        #expect(command.hasFlag("--option"))
        #expect(!command.hasFlag("-n"))
        #expect(!command.hasFlag("--yes"))
        #expect(command.hasAnyFlag(["--yes", "-y", "--assume-yes"]))
        #expect(command.flags == ["-q", "-y", "--no-install-recommends", "--option"])
        #expect(command.flagValue("--option") == "Dpkg::x")
    }

    @Test func multiLetterSingleDashFlagsMatchExactly() throws {
        let command = try #require(try commands("apt-get -qq update").first)
        #expect(command.hasFlag("-qq"))
        #expect(command.hasFlag("-q"))
        let single = try #require(try commands("apt-get -q update").first)
        #expect(!single.hasFlag("-qq"))
    }

    @Test func flagsStopAtDoubleDash() throws {
        let command = try #require(try commands("rm -f -- -y file").first)
        #expect(command.hasFlag("-f"))
        #expect(!command.hasFlag("-y"))
        #expect(command.positionalArguments().map(\.value) == ["-y", "file"])
    }

    @Test func valueFlagsAreNotPositional() throws {
        let command = try #require(try commands("pip install -r requirements.txt --target /opt x==1.0").first)
        #expect(command.positionalArguments().map(\.value) == ["install", "requirements.txt", "/opt", "x==1.0"])
        #expect(command.positionalArguments(valueFlags: ["-r", "--target"]).map(\.value) == ["install", "x==1.0"])
        #expect(command.flagValue("-r") == "requirements.txt")
        #expect(command.flagValue("--target") == "/opt")
    }
}
