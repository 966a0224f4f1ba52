import EKSGuardCore
import Foundation
@testable import NodeBenchmark
import Testing

/// Every fixture node under every benchmark version it is meant for: the state of each
/// recommendation, by its CIS number in that version.
@Suite struct FixtureNodeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var fixture: String
        var benchmark: String
        /// States that are not PASS; every other item must pass.
        var expected: [String: NodeResult.State]
        var testDescription: String { "\(fixture) on \(benchmark)" }
    }

    static let manual120: [String: NodeResult.State] = [
        "3.1.1": .warn, "3.1.2": .warn, "3.1.3": .warn, "3.1.4": .warn, "3.2.3": .warn, "3.2.4": .warn,
        "3.2.8": .warn, "3.2.10": .warn, "3.2.11": .warn, "3.3.1": .warn,
    ]

    static let cases: [Case] = [
        // AL2's kubelet-config.json has no eventRecordQPS: 1.2.0 and 1.5.0 ask for an explicit value.
        Case(fixture: "al2", benchmark: "eks-1.2.0", expected: manual120.merging(["3.2.9": .fail]) { $1 }),
        Case(fixture: "al2", benchmark: "eks-1.5.0", expected: ["3.2.7": .fail]),
        Case(fixture: "al2", benchmark: "eks-1.7.0", expected: [:]),
        Case(fixture: "al2", benchmark: "eks-1.8.0", expected: [:]),
        // The drop-ins override each other: 00-nodeadm.conf turns anonymous auth on, the read-only port
        // on and the idle timeout to 0s; 40-hardening.conf, read later, turns all three back.
        // --hostname-override is on the command line: WARN in 1.2.0 (manual), not checked later.
        Case(fixture: "al2023", benchmark: "eks-1.2.0", expected: manual120.merging(["3.2.6": .fail]) { $1 }),
        Case(fixture: "al2023", benchmark: "eks-1.5.0", expected: [:]),
        Case(fixture: "al2023", benchmark: "eks-1.8.0", expected: [:]),
        Case(fixture: "bottlerocket", benchmark: "eks-1.2.0", expected: manual120),
        Case(fixture: "bottlerocket", benchmark: "eks-1.5.0", expected: [:]),
        Case(fixture: "bottlerocket", benchmark: "eks-1.8.0", expected: [:]),
        // Flags beat the hardened file, except --feature-gates, which the file's featureGates beat.
        Case(fixture: "flags-override", benchmark: "eks-1.8.0", expected: [
            "3.2.1": .fail, "3.2.2": .fail, "3.2.4": .fail, "3.2.5": .fail,
        ]),
        Case(fixture: "flags-override", benchmark: "eks-1.5.0", expected: [
            "3.2.1": .fail, "3.2.2": .fail, "3.2.4": .fail, "3.2.5": .fail, "3.2.7": .fail,
        ]),
        Case(fixture: "bad-permissions", benchmark: "eks-1.8.0", expected: [
            "3.1.1": .fail, "3.1.2": .fail, "3.1.3": .fail, "3.1.4": .fail,
        ]),
        Case(fixture: "missing-config", benchmark: "eks-1.8.0", expected: Dictionary(uniqueKeysWithValues:
            ["3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.2.1", "3.2.2", "3.2.3", "3.2.4", "3.2.5", "3.2.6", "3.2.7", "3.2.8", "3.2.9"]
                .map { ($0, NodeResult.State.error) })),
    ]

    static func scan(_ fixture: String, benchmark: String?, computeType: String? = nil) throws -> NodeScan.Outcome {
        let scan = NodeScan(
            collector: NodeCollector(files: try FixtureRoot(fixture), computeType: computeType),
            benchmark: benchmark, kubeletVersion: nil)
        return try scan.run()
    }

    @Test(arguments: cases)
    func statesMatchTheBenchmark(_ c: Case) throws {
        let outcome = try Self.scan(c.fixture, benchmark: c.benchmark)
        let benchmark = try #require(BenchmarkData.benchmark(c.benchmark))
        #expect(outcome.results.map(\.item.id) == benchmark.items.map(\.id))
        for result in outcome.results {
            let expected = c.expected[result.item.id] ?? .pass
            #expect(result.state == expected, "\(result.item.id): \(result.state.rawValue) \(result.message)")
        }
    }

    @Test func dropInsMergeInNameOrderAndFieldByField() throws {
        let facts = NodeCollector(files: try FixtureRoot("al2023")).collect()
        #expect(facts.configFiles.map(\.path) == [
            "/etc/kubernetes/kubelet/config.json",
            "/etc/kubernetes/kubelet/config.json.d/00-nodeadm.conf",
            "/etc/kubernetes/kubelet/config.json.d/40-hardening.conf",
        ])
        guard case .found(let port, let source) = facts.lookup(.readOnlyPort) else { Issue.record("readOnlyPort unset"); return }
        #expect(port == "0" && source.file.hasSuffix("40-hardening.conf"))
        // eventRecordQPS comes only from 00-nodeadm.conf; the webhook settings only from config.json.
        guard case .found(let qps, let qpsSource) = facts.lookup(.eventRecordQPS) else { Issue.record("eventRecordQPS unset"); return }
        #expect(qps == "5" && qpsSource.file.hasSuffix("00-nodeadm.conf"))
        guard case .found(let mode, let modeSource) = facts.lookup(.authorizationMode) else { Issue.record("mode unset"); return }
        #expect(mode == "Webhook" && modeSource.file.hasSuffix("config.json"))
        #expect(facts.flags["hostname-override"]?.value == "ip-10-0-2-33.ec2.internal")
    }

    @Test func missingConfigurationIsAnErrorAndExitCodeThree() throws {
        let outcome = try Self.scan("missing-config", benchmark: "eks-1.8.0")
        #expect(!outcome.checkResults.isEmpty && outcome.checkResults.allSatisfy { $0.status == .error })
        #expect(ExitStatus(results: outcome.checkResults, failOn: .severity(.low)) == .incomplete)
    }

    @Test func manualChecksWarnAndNeverPass() throws {
        let outcome = try Self.scan("bottlerocket", benchmark: "eks-1.2.0")
        let manual = outcome.results.filter { $0.item.type == .manual }
        #expect(manual.count == 10 && manual.allSatisfy { $0.state == .warn && $0.message.hasPrefix("manual check:") })
        // In the standard formats a WARN is a failure of severity info: below the default --fail-on.
        let rows = outcome.checkResults.filter { row in manual.contains { $0.control.id == row.checkID } }
        #expect(rows.allSatisfy { $0.status == .fail && $0.severity == .info })
        #expect(ExitStatus(results: outcome.checkResults, failOn: .severity(.low)) == .clean)
    }

    @Test(arguments: ["fargate", "auto"])
    func fargateAndAutoModeNodesAreNotApplicable(_ computeType: String) throws {
        let outcome = try Self.scan("al2023", benchmark: "eks-1.8.0", computeType: computeType)
        #expect(outcome.checkResults.allSatisfy { $0.status == .notApplicable })
    }

    @Test func bottlerocketChoosesItsBenchmarkFromTheVariant() throws {
        let outcome = try Self.scan("bottlerocket", benchmark: nil)
        #expect(outcome.benchmark.version == "eks-1.7.0")
        #expect(outcome.settings.contains { $0.0 == "benchmark-choice" && $0.1.contains("aws-k8s-1.30") })
    }

    @Test func aNodeThatHidesItsVersionNeedsAnExplicitBenchmark() throws {
        #expect(throws: VersionSelection.SelectionError.self) { try Self.scan("al2", benchmark: nil) }
    }

    @Test func ownersAreNamedFromTheNodesOwnAccounts() throws {
        let outcome = try Self.scan("bad-permissions", benchmark: "eks-1.8.0")
        let owner = try #require(outcome.results.first { $0.item.id == "3.1.2" })
        #expect(owner.found == ["/var/lib/kubelet/kubeconfig owner ec2-user:root"])
        let configOwner = try #require(outcome.results.first { $0.item.id == "3.1.4" })
        #expect(configOwner.found == ["/etc/kubernetes/kubelet/kubelet-config.json owner root:4242"])
    }
}
