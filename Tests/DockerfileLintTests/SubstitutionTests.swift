@testable import DockerfileLint
import EKSGuardCore
import Testing

@Suite struct SubstitutionTests {
    func environment(_ text: String, upTo count: Int? = nil, buildArgs: [String: String] = [:]) throws -> Environment {
        let file = try parse(text)
        var environment = Environment(buildArgs: buildArgs, escape: file.escape)
        for instruction in file.instructions.prefix(count ?? file.instructions.count) { environment.apply(instruction) }
        return environment
    }

    @Test(arguments: [
        ("$A", "a"), ("${A}", "a"), ("x${A}y", "xay"), ("$A$B", "ab"),
        ("${UNSET:-d}", "d"), ("${EMPTY:-d}", "d"), ("${A:-d}", "a"),
        ("${UNSET-d}", "d"), ("${EMPTY-d}", ""),
        ("${A:+alt}", "alt"), ("${EMPTY:+alt}", ""), ("${EMPTY+alt}", "alt"), ("${UNSET+alt}", ""),
        ("${UNSET:-${A}}", "a"), ("${VERSION#v}", "1.2.3"), ("${FILE%.tar.gz}", "app"), ("${FILE##*.}", "gz"),
        ("${FILE/tar/zip}", "app.zip.gz"),
        ("'$A'", "$A"), ("\"$A\"", "a"), ("\\$A", "$A"), ("$UNSET", ""), ("$", "$"), ("a$-b", "a$-b"),
    ])
    func expansionForms(text: String, expected: String) throws {
        let environment = try environment("FROM x\nENV A=a B=b EMPTY= VERSION=v1.2.3 FILE=app.tar.gz\n")
        #expect(environment.expand(text) == expected)
    }

    @Test func escapeCharacterEscapesDollar() throws {
        let environment = try environment("# escape=`\nFROM x\nENV A=a\n")
        #expect(environment.expand("`$A-$A") == "$A-a")
    }

    @Test func globalArgsOnlyReachStagesWhenRedeclared() throws {
        let text = """
            ARG VERSION=1.0
            ARG REGISTRY
            FROM alpine:$VERSION
            RUN echo $VERSION
            ARG VERSION
            RUN echo $VERSION
            """
        let beforeFrom = try environment(text, upTo: 2)
        #expect(beforeFrom.expand("alpine:$VERSION") == "alpine:1.0")
        #expect(beforeFrom.isDeclared("REGISTRY"))
        let inStage = try environment(text, upTo: 3)
        #expect(inStage.expand("$VERSION") == "")
        #expect(inStage.expansion(of: "$VERSION").unresolved == ["VERSION"])
        #expect(inStage.expandGlobal("alpine:$VERSION") == "alpine:1.0")
        let redeclared = try environment(text, upTo: 5)
        #expect(redeclared.expand("$VERSION") == "1.0")
        let withBuildArg = try environment(text, upTo: 5, buildArgs: ["VERSION": "2.0"])
        #expect(withBuildArg.expand("$VERSION") == "2.0")
        #expect(withBuildArg.expandGlobal("alpine:$VERSION") == "alpine:2.0")
    }

    @Test func envIsPerStageAndInheritedFromParentStages() throws {
        let text = """
            FROM debian AS base
            ENV APP=/srv GREETING=hi
            ENV GREETING=bye OLD=$GREETING
            FROM base AS child
            FROM debian
            """
        let inBase = try environment(text, upTo: 3)
        #expect(inBase["OLD"] == "hi")
        #expect(inBase["GREETING"] == "bye")
        let inChild = try environment(text, upTo: 4)
        #expect(inChild["APP"] == "/srv")
        let unrelated = try environment(text)
        #expect(unrelated["APP"] == nil)
    }

    @Test func forEachInstructionGivesTheEnvironmentBeforeEachInstruction() throws {
        let file = try parse("ARG TAG=1.25\nFROM nginx:$TAG\nARG TAG\nENV V=$TAG\nRUN echo $V\n")
        var seen: [String] = []
        file.forEachInstruction { instruction, environment in
            switch instruction.kind {
            case .from: seen.append(environment.expandGlobal(instruction.from?.image.raw ?? ""))
            case .run: seen.append(environment.expand(instruction.argumentText))
            default: break
            }
        }
        #expect(seen == ["nginx:1.25", "echo 1.25"])
    }

    @Test func envWinsOverArgOfTheSameName() throws {
        let environment = try environment("FROM a\nENV X=from-env\nARG X=from-arg\n")
        #expect(environment["X"] == "from-env")
    }
}
