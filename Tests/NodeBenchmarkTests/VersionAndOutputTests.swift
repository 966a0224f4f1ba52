import EKSGuardCore
import Foundation
import KubernetesAudit
@testable import NodeBenchmark
import Reports
import Testing

@Suite struct VersionAndOutputTests {
    @Test(arguments: [(23, "eks-1.2.0"), (26, "eks-1.2.0"), (27, "eks-1.5.0"), (28, "eks-1.5.0"), (29, "eks-1.7.0"),
                      (31, "eks-1.7.0"), (32, "eks-1.8.0"), (34, "eks-1.8.0")])
    func tableChoosesByKubeletMinor(_ minor: Int, _ benchmark: String) throws {
        let choice = try VersionSelection.choose(explicit: nil, kubernetesMinor: (minor, "test"))
        #expect(choice.benchmark == benchmark && choice.warning == nil && choice.reason.contains("1.\(minor)"))
    }

    @Test func newerKubeletsGetTheNewestBenchmarkAndAWarning() throws {
        let choice = try VersionSelection.choose(explicit: nil, kubernetesMinor: (36, "test"))
        #expect(choice.benchmark == "eks-1.8.0")
        #expect(choice.warning?.contains("newer than the table") == true && choice.reason.contains("1.36"))
    }

    @Test func olderOrUnknownKubeletsAreErrorsNotFallbacks() {
        #expect(throws: VersionSelection.SelectionError.self) { try VersionSelection.choose(explicit: nil, kubernetesMinor: (21, "test")) }
        #expect(throws: VersionSelection.SelectionError.self) { try VersionSelection.choose(explicit: nil, kubernetesMinor: nil) }
        #expect(throws: VersionSelection.SelectionError.self) { try VersionSelection.choose(explicit: "eks-1.3.0", kubernetesMinor: nil) }
    }

    @Test(arguments: [("1.31", 31), ("v1.30.4-eks-a737599", 30), ("29", 29), ("2.0", nil), ("x", nil)])
    func kubeletVersionsParse(_ text: String, _ minor: Int?) {
        #expect(VersionSelection.minor(of: text) == minor)
    }

    @Test func everyVersionHasItsDocumentedItems() {
        let ids = Dictionary(uniqueKeysWithValues: BenchmarkData.benchmarks.map { ($0.version, $0.items.map(\.id)) })
        let modern = ["3.1.1", "3.1.2", "3.1.3", "3.1.4"] + (1...9).map { "3.2.\($0)" }
        #expect(ids["eks-1.2.0"] == ["3.1.1", "3.1.2", "3.1.3", "3.1.4"] + (1...11).map { "3.2.\($0)" } + ["3.3.1"])
        #expect(ids["eks-1.5.0"] == modern && ids["eks-1.7.0"] == modern && ids["eks-1.8.0"] == modern)
        for benchmark in BenchmarkData.benchmarks {
            for item in benchmark.items { #expect(BenchmarkData.controlsByID[item.control] != nil, "\(benchmark.version) \(item.id)") }
        }
    }

    @Test func catalogReferencesNameEveryVersionsNumber() {
        #expect(NodeCatalog.references(of: "EKS-CIS-011") == ["CIS-EKS-1.2.0:3.2.9", "CIS-EKS-1.5.0:3.2.7", "CIS-EKS-1.7.0:3.2.7", "CIS-EKS-1.8.0:3.2.7"])
        #expect(NodeCatalog.references(of: "EKS-CIS-014") == ["CIS-EKS-1.2.0:3.2.6"])
    }

    @Test func kubeBenchTextLayout() throws {
        let outcome = try FixtureNodeTests.scan("flags-override", benchmark: "eks-1.8.0")
        let text = KubeBenchText.render(outcome)
        #expect(text.contains("[INFO] 3 Worker Nodes\n[INFO] 3.1 Worker Node Configuration Files\n[PASS] 3.1.1 Ensure that the kubeconfig file permissions"))
        #expect(text.contains("[FAIL] 3.2.1 Ensure that the Anonymous Auth is Not Enabled (Automated)\n       found --anonymous-auth / authentication.anonymous.enabled = true (/proc/900/cmdline)"))
        #expect(text.contains("== Remediations node ==\n3.2.1 Set \"authentication\""))
        #expect(text.hasSuffix("== Summary node ==\n9 checks PASS\n4 checks FAIL\n0 checks WARN\n0 checks INFO\n"))
        #expect(text.contains("benchmark-choice: --benchmark"))
        let anonymous = try #require(outcome.checkResults.first { $0.checkID == "EKS-CIS-005" })
        #expect(anonymous.resource.field == "--anonymous-auth" && anonymous.resource.file == "/proc/900/cmdline")
        let ca = try #require(outcome.checkResults.first { $0.checkID == "EKS-CIS-007" })
        #expect(ca.resource.field == "authentication.x509.clientCAFile" && ca.resource.line != nil)
        #expect(KubeBenchText.safe("a\u{1B}[2Jb") == "a\\u{1B}[2Jb")
    }

    /// The JSON report, as the standard writer prints it, reads back with kube-bench states.
    @Test func jsonReportReadsBack() throws {
        let outcome = try FixtureNodeTests.scan("al2023", benchmark: "eks-1.2.0")
        let report = Report(command: "scan node", settings: outcome.settings, results: outcome.checkResults, checks: NodeCatalog.metadata)
        let json = ReportFormat.json.render(report)
        let read = try NodeResultsReader.read(Data(json.utf8), name: "node.json")
        #expect(read.benchmark == "eks-1.2.0" && read.node == "ip-10-0-2-33.ec2.internal")
        let states = Dictionary(uniqueKeysWithValues: read.items.map { ($0.cisID, $0.state) })
        let expected = Dictionary(uniqueKeysWithValues: outcome.results.map { ($0.item.id, $0.state) })
        #expect(states == expected)
        #expect(throws: NodeResultsReader.ReadError.self) { try NodeResultsReader.read(Data("{}".utf8), name: "x") }
    }

    /// The printed DaemonSet through eksguard's own restricted Pod Security checks: exactly the
    /// documented host access fails, nothing else.
    @Test func daemonSetFailsOnlyTheDocumentedHostAccess() async throws {
        let yaml = ClusterManifests(image: "registry.example/eksguard@sha256:" + String(repeating: "a", count: 64), arguments: ["--benchmark", "eks-1.8.0"])
            .render(.daemonSet)
        let root = try TemporaryRoot()
        try root.write("/daemonset.yaml", yaml)
        let outcome = try await ManifestScan.run(ManifestScanRequest(
            paths: [root.path + "/daemonset.yaml"], context: KubernetesContext(podSecurityLevel: .restricted), engine: EngineOptions()))
        #expect(outcome.workloads == 1)
        let failing = Set(outcome.results.filter { $0.status != .pass }.map(\.checkID))
        // hostPID (host namespaces), hostPath volumes (restricted volume types), and root without capabilities.
        #expect(failing == ["EKS-POD-004", "EKS-POD-008", "EKS-POD-026"])
        let job = ClusterManifests(image: "x@sha256:" + String(repeating: "b", count: 64), arguments: []).render(.job)
        try root.write("/job.yaml", job)
        let jobOutcome = try await ManifestScan.run(ManifestScanRequest(
            paths: [root.path + "/job.yaml"], context: KubernetesContext(podSecurityLevel: .restricted), engine: EngineOptions()))
        #expect(Set(jobOutcome.results.filter { $0.status != .pass }.map(\.checkID)) == failing)
    }

    @Test func daemonSetMountsReadOnlyAndToleratesEverything() {
        let yaml = ClusterManifests(image: "x", arguments: []).render(.daemonSet)
        for path in ["/etc/kubernetes", "/var/lib/kubelet", "/etc/systemd", "/proc"] {
            #expect(yaml.contains("mountPath: /host\(path), readOnly: true"))
            #expect(yaml.contains("hostPath: {path: \(path), type: Directory}"))
        }
        #expect(yaml.contains("hostPID: true") && yaml.contains("- operator: Exists") && yaml.contains("privileged: false"))
        #expect(yaml.contains(#"args: ["scan", "node", "--root", "/host", "--format", "json", "--stay"]"#))
    }
}

/// The printed YAML against the Kubernetes schemas (strict: unknown fields fail), with the
/// validator scripts/services/node.sh installs.
@Suite struct ManifestSchemaTests {
    @Test(arguments: [ClusterManifests.Kind.daemonSet, .job])
    func printedManifestsMatchTheKubernetesSchemas(_ kind: ClusterManifests.Kind) throws {
        guard let validator = ProcessInfo.processInfo.environment["EKSGUARD_KUBERNETES_VALIDATE"] else {
            Issue.record("EKSGUARD_KUBERNETES_VALIDATE is not set: run the tests with scripts/test.sh (scripts/services/node.sh installs kubernetes-validate)")
            return
        }
        let root = try TemporaryRoot()
        try root.write("/manifest.yaml", ClusterManifests(image: "eksguard:0.1.0", arguments: ["--benchmark", "eks-1.8.0"]).render(kind))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: validator)
        process.arguments = ["--strict", "--kubernetes-version", "1.34", root.path + "/manifest.yaml"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.components(separatedBy: " passed for resource ").count == 4, "\(text)")
    }
}
