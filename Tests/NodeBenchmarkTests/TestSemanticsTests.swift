@testable import NodeBenchmark
import Testing

/// The declarative tests' combinators and "unset" semantics, on hand-made facts.
@Suite struct TestSemanticsTests {
    static func facts(config: String?, flags: [String] = [], commandLine: Bool = true) throws -> NodeFacts {
        let document: Result<ConfigValue, NodeFacts.Problem> = try config.map { .success(try ConfigDocument.parse($0, file: "/c.json")) }
            ?? .failure(NodeFacts.Problem("no configuration"))
        return NodeFacts(
            os: NodeOS(family: .amazonLinux2023, description: "test"), hostname: "n", computeType: nil,
            commandLineSource: commandLine ? "test" : nil, flags: KubeletFlags(arguments: flags, source: ValueSource(file: "/proc/1/cmdline")),
            config: document, configFiles: [], kubeconfig: .failure(NodeFacts.Problem("none")), accounts: Accounts(), kubernetesMinor: nil)
    }

    static func verdict(_ test: BenchmarkTest, _ facts: NodeFacts) -> Evaluator.Verdict {
        Evaluator(benchmark: BenchmarkData.benchmark("eks-1.8.0")!, facts: facts).evaluate(test).verdict
    }

    let port = BenchmarkTest.compare(.setting(.readOnlyPort), .eq, "0")

    @Test func comparingAnUnsetSettingFails() throws {
        #expect(Self.verdict(port, try Self.facts(config: "{}")) == .fails)
        #expect(Self.verdict(port, try Self.facts(config: #"{"readOnlyPort": null}"#)) == .fails)
        #expect(Self.verdict(port, try Self.facts(config: #"{"readOnlyPort": 0}"#)) == .holds)
    }

    @Test func setAndUnsetAreExplicit() throws {
        let facts = try Self.facts(config: #"{"authentication": {"x509": {"clientCAFile": "/ca.crt"}}}"#)
        #expect(Self.verdict(.isSet(.setting(.clientCAFile)), facts) == .holds)
        #expect(Self.verdict(.isUnset(.setting(.clientCAFile)), facts) == .fails)
        #expect(Self.verdict(.isUnset(.setting(.hostnameOverride)), facts) == .holds)
        #expect(Self.verdict(.isUnset(.setting(.hostnameOverride)), try Self.facts(config: "{}", flags: ["--hostname-override", "x"])) == .fails)
    }

    @Test func unreadableDataIsUnknownNeverAPass() throws {
        let noConfig = try Self.facts(config: nil)
        guard case .unknown = Self.verdict(port, noConfig) else { Issue.record("expected unknown"); return }
        // Unset-passes tests too: without the configuration, "unset" cannot be known.
        guard case .unknown = Self.verdict(.isUnset(.setting(.rotateCertificates)), noConfig) else { Issue.record("expected unknown"); return }
        // Without any command line, the file decides (flags assumed absent), but a flag-only setting is unknown.
        let noCommandLine = try Self.facts(config: #"{"readOnlyPort": 0}"#, commandLine: false)
        #expect(Self.verdict(port, noCommandLine) == .holds)
        guard case .unknown = Self.verdict(.isUnset(.setting(.hostnameOverride)), noCommandLine) else {
            Issue.record("expected unknown"); return
        }
        // A flag decides even when the file is missing, because flags win.
        #expect(Self.verdict(port, try Self.facts(config: nil, flags: ["--read-only-port=0"])) == .holds)
    }

    @Test func anyAndAllAreThreeValued() throws {
        let unknown = BenchmarkTest.compare(.setting(.readOnlyPort), .eq, "0")
        let noConfig = try Self.facts(config: nil, flags: ["--anonymous-auth=false"])
        let holds = BenchmarkTest.compare(.setting(.anonymousAuth), .eq, "false")
        let fails = BenchmarkTest.compare(.setting(.anonymousAuth), .eq, "true")
        #expect(Self.verdict(.any([unknown, holds]), noConfig) == .holds)
        #expect(Self.verdict(.all([unknown, fails]), noConfig) == .fails)
        guard case .unknown = Self.verdict(.all([unknown, holds]), noConfig) else { Issue.record("all: expected unknown"); return }
        guard case .unknown = Self.verdict(.any([unknown, fails]), noConfig) else { Issue.record("any: expected unknown"); return }
        #expect(Self.verdict(.all([]), noConfig) == .holds)
        #expect(Self.verdict(.any([]), noConfig) == .fails)
    }

    @Test func featureGateFlagsLoseToTheFile() throws {
        let gate = BenchmarkTest.compare(.setting(.rotateKubeletServerCertificate), .eq, "true")
        let flag = ["--feature-gates=RotateKubeletServerCertificate=true,Other=false"]
        #expect(Self.verdict(gate, try Self.facts(config: "{}", flags: flag)) == .holds)
        #expect(Self.verdict(gate, try Self.facts(config: #"{"featureGates": {"RotateKubeletServerCertificate": false}}"#, flags: flag)) == .fails)
    }

    /// Each control's examples are its tests: passing ones hold, failing ones fail.
    @Test(arguments: BenchmarkData.controlsByID.values.sorted { $0.id < $1.id })
    func controlExamplesBehave(_ control: Control) throws {
        for (examples, expected) in [(control.passing, Evaluator.Verdict.holds), (control.failing, .fails)] {
            for example in examples {
                var facts = try Self.facts(config: example.config, flags: example.flags ?? [])
                let status = FileStatus(mode: UInt32(example.mode ?? "644", radix: 8)!, uid: 0, gid: 0, kind: .regular)
                let fact = NodeFacts.FileFact(path: "/f", origin: "example", status: .success(status))
                facts.kubeconfig = .success(fact)
                facts.configFiles = [fact]
                if let owner = example.owner {
                    let (user, group) = (owner.split(separator: ":")[0], owner.split(separator: ":")[1])
                    facts.accounts = Accounts(users: [0: String(user)], groups: [0: String(group)])
                }
                let test = try #require(control.test)
                #expect(Self.verdict(test, facts) == expected, "\(control.id) example \(example.config)")
            }
        }
    }
}

extension Control: CustomTestStringConvertible {
    public var testDescription: String { id }
}
