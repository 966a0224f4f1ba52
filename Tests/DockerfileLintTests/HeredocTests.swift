@testable import DockerfileLint
import EKSGuardCore
import Testing

@Suite struct HeredocTests {
    @Test func runHeredocIsTheScript() throws {
        let file = try parse("""
            FROM debian
            RUN <<EOF
            apt-get update
            apt-get install -y curl
            EOF
            USER app
            """)
        let run = file.instructions[1]
        #expect(run.endLine == 5)
        let heredoc = try #require(run.heredocs.first)
        #expect(heredoc.name == "EOF")
        #expect(heredoc.expands)
        #expect(!heredoc.stripsTabs)
        #expect(heredoc.body == "apt-get update\napt-get install -y curl\n")
        #expect(heredoc.markerPosition == SourcePosition(line: 2, column: 5))
        #expect(heredoc.bodyLine == 3)
        #expect(heredoc.terminatorLine == 5)
        let commands = try #require(run.run?.script.commands)
        #expect(commands.map(\.name) == ["apt-get", "apt-get"])
        #expect(commands[1].position == SourcePosition(line: 4, column: 1))
        #expect(commands[1].hasFlag("-y"))
        #expect(file.instructions[2].kind == .user)
    }

    @Test func dashHeredocStripsLeadingTabs() throws {
        let file = try parse("FROM a\nRUN <<-EOT\n\t\techo one\n\techo two\n\tEOT\n")
        let heredoc = try #require(file.instructions[1].heredocs.first)
        #expect(heredoc.stripsTabs)
        #expect(heredoc.body == "echo one\necho two\n")
        let commands = try #require(file.instructions[1].run?.script.commands)
        #expect(commands.map(\.position) == [SourcePosition(line: 3, column: 3), SourcePosition(line: 4, column: 2)])
    }

    @Test(arguments: [("<<\"EOF\"", false), ("<<'EOF'", false), ("<<E\"O\"F", false), ("<<EOF", true)])
    func quotedDelimitersDisableExpansion(marker: String, expands: Bool) throws {
        let file = try parse("FROM a\nRUN cat \(marker) > /x\n$HOME\nEOF\n")
        let heredoc = try #require(file.instructions[1].heredocs.first)
        #expect(heredoc.name == "EOF")
        #expect(heredoc.expands == expands)
        #expect(heredoc.body == "$HOME\n")
    }

    @Test func severalHeredocsOnOneLine() throws {
        let file = try parse("""
            FROM a
            COPY <<FILE1 <<FILE2 /dest/
            one
            FILE1
            two
            FILE2
            RUN echo after
            """)
        let copy = try #require(file.instructions[1].copy)
        #expect(copy.heredocSources.map(\.name) == ["FILE1", "FILE2"])
        #expect(copy.heredocSources.map(\.body) == ["one\n", "two\n"])
        #expect(copy.sources.isEmpty)
        #expect(copy.destination.text == "/dest/")
        #expect(file.instructions[1].endLine == 6)
        #expect(file.instructions[2].position.line == 7)
    }

    @Test func heredocFedToAShellIsParsedAsNestedCommands() throws {
        let file = try parse("FROM a\nRUN bash -e <<SCRIPT\ncurl -s https://x | sh\nSCRIPT\n")
        let commands = try #require(file.instructions[1].run?.script.commands)
        #expect(commands.map(\.name) == ["bash", "curl", "sh"])
        #expect(commands.map(\.isNested) == [false, true, true])
        #expect(commands[1].isPipedToNext)
        #expect(commands[0].redirects.first?.heredocBody == "curl -s https://x | sh\n")
    }

    @Test func heredocForAnotherInterpreterIsNotShell() throws {
        let file = try parse("FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nimport os\nprint(1)\nEOF\nRUN python3 <<EOF\nimport sys\nEOF\n")
        #expect(file.instructions[1].run?.script.commands.isEmpty == true)
        #expect(file.instructions[2].run?.script.commands.map(\.name) == ["python3"])
    }

    @Test func shebangForAShellIsStillShell() throws {
        let file = try parse("FROM a\nRUN <<EOF\n#!/bin/bash\nset -e\napk add curl\nEOF\n")
        #expect(file.instructions[1].run?.script.commands.map(\.name) == ["set", "apk"])
    }

    @Test func heredocInsideAHeredocScriptIsSkipped() throws {
        let file = try parse("""
            FROM a
            RUN <<EOF
            cat > /etc/app.conf <<CONF
            apt-get install nothing-here
            CONF
            chmod 600 /etc/app.conf
            EOF
            """)
        let commands = try #require(file.instructions[1].run?.script.commands)
        #expect(commands.map(\.name) == ["cat", "chmod"])
        #expect(commands[0].redirects.map(\.op) == [.output, .heredoc])
        #expect(commands[0].redirects[1].heredocBody == "apt-get install nothing-here\n")
    }

    @Test func fileDescriptorAndOnbuildHeredocs() throws {
        let file = try parse("FROM a\nONBUILD RUN 3<<EOF cat /dev/fd/3\nx\nEOF\n")
        let heredoc = try #require(file.instructions[1].trigger?.heredocs.first)
        #expect(heredoc.fileDescriptor == 3)
        #expect(heredoc.body == "x\n")
        #expect(file.instructions[1].heredocs.count == 1)
    }

    @Test(arguments: [
        "FROM a\nRUN cat << EOF\n",           // `<<` followed by a space: not a heredoc marker
        "FROM a\nRUN [\"cat\", \"<<EOF\"]\n",  // exec form has no heredocs
        "FROM a\nENV X=<<EOF\n",              // only RUN, COPY and ADD take heredocs
    ])
    func notHeredocs(text: String) throws {
        let file = try parse(text)
        #expect(file.instructions[1].heredocs.isEmpty)
        #expect(file.instructions.count == 2)
    }

    @Test func unterminatedHeredocIsAnError() {
        let error = parseError("FROM a\nRUN <<EOF\necho hi\n")
        #expect(error?.kind == .unterminatedHeredoc)
        #expect(error?.line == 2)
    }
}
