@testable import DockerfileLint
import EKSGuardCore
import Testing

/// Hostile input ends in a clear error or a result, never a crash or a hang. A time limit catches a
/// hang; timings themselves stay out of unit tests (bench/ measures speed).
@Suite(.timeLimit(.minutes(1))) struct HostileInputTests {
    static let tenMegabytes = 10 << 20

    @Test func tenMegabyteLineIsRefusedBySize() {
        let text = "FROM a\nRUN echo " + String(repeating: "a", count: Self.tenMegabytes) + "\n"
        let error = parseError(text)
        #expect(error?.kind == .tooLarge)
        #expect(error?.description.contains("larger than") == true)
    }

    /// Very long single lines of each kind, under a raised size limit: linear work, a result or an error.
    @Test(arguments: [
        "RUN echo \"" + String(repeating: "x", count: 10 << 20),
        "RUN echo " + String(repeating: "$(", count: 5 << 20),
        "LABEL a=\"" + String(repeating: "é", count: 4 << 20) + "\"",
        "RUN echo " + String(repeating: "word ", count: 1 << 18),
        "RUN " + String(repeating: "a && ", count: 1 << 18) + "b",
        "ENV " + String(repeating: "K=v ", count: 1 << 18),
        "CMD [" + String(repeating: "[", count: 1 << 20),
        "EXPOSE " + String(repeating: "80/tcp ", count: 1 << 18),
    ])
    func longLinesWithARaisedLimitParseOrFail(line: String) {
        let limits = DockerfileLimits(maxFileBytes: 32 << 20)
        do {
            let file = try Dockerfile.parse("FROM a\n" + line + "\n", limits: limits)
            #expect(file.instructions.count == 2)
        } catch {
            #expect(error.kind == .nestingTooDeep, "\(error)")
        }
    }

    @Test func unterminatedHeredocIsAnError() {
        let text = "FROM a\nRUN <<EOF\n" + String(repeating: "echo line\n", count: 50_000)
        let error = parseError(text)
        #expect(error?.kind == .unterminatedHeredoc)
        #expect(error?.line == 2)
    }

    @Test func hundredThousandContinuationsAreRefused() {
        let text = "FROM a\nRUN echo start" + String(repeating: " \\\n  && true", count: 100_000) + "\n"
        let error = parseError(text)
        #expect(error == DockerfileParseError(.instructionTooLong, line: 2, "instruction spans more than 100000 lines"))
    }

    @Test func justUnderTheContinuationLimitParses() throws {
        let text = "FROM a\nRUN echo start" + String(repeating: " \\\n  && true", count: 99_999) + "\n"
        let file = try parse(text)
        #expect(file.instructions[1].run?.script.commands.count == 100_000)
        #expect(file.instructions[1].endLine == 100_001)
    }

    @Test func binaryFileIsRefused() {
        var generator = SeededGenerator(seed: 7)
        var bytes = Array("FROM a\nRUN x\n".utf8)
        bytes += (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes.append(0)
        do {
            _ = try Dockerfile.parse(bytes: bytes)
            Issue.record("binary content accepted")
        } catch {
            #expect(error.kind == .binaryContent)
            #expect(error.line >= 3)
        }
    }

    @Test func deepShellNestingIsAnError() {
        let substitutions = "FROM a\nRUN echo " + String(repeating: "$(", count: 1_000) + "\n"
        #expect(parseError(substitutions)?.kind == .nestingTooDeep)
        let subshells = "FROM a\nRUN " + String(repeating: "( ", count: 1_000) + "true\n"
        #expect(parseError(subshells)?.kind == .nestingTooDeep)
        let limits = DockerfileLimits(maxShellNesting: 3)
        let shC = #"FROM a\#nRUN sh -c "sh -c 'sh -c \"sh -c \\\"sh -c x\\\"\"'"\#n"#
        #expect(parseError(shC, limits: limits)?.kind == .nestingTooDeep)
        #expect(parseError(shC) == nil)
    }

    @Test func manyInstructionsAndHeredocs() throws {
        var text = "FROM a\n"
        for index in 0..<20_000 { text += "RUN <<E\(index)\necho \(index)\nE\(index)\n" }
        let file = try parse(text)
        #expect(file.instructions.count == 20_001)
        #expect(file.instructions.last?.run?.script.commands.first?.position == SourcePosition(line: 60_000, column: 1))
    }

    @Test func deepSubstitutionInEnvironmentIsBounded() throws {
        let deep = String(repeating: "${A:-", count: 10_000) + "x" + String(repeating: "}", count: 10_000)
        let file = try parse("FROM a\nENV B=\(deep)\n")
        var environment = Environment()
        for instruction in file.instructions { environment.apply(instruction) }
        #expect(environment["B"] != nil)
    }
}

/// A small deterministic generator (SplitMix64), so random tests replay the same inputs every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
