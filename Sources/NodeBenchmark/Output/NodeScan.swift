import EKSGuardCore

/// The whole `scan node` pipeline: collect facts, choose the benchmark, evaluate, and turn the
/// results into report rows (with waivers and severity overrides from the configuration).
package struct NodeScan: Sendable {
    package struct Outcome: Sendable {
        package var benchmark: Benchmark
        package var choice: VersionSelection.Choice
        package var facts: NodeFacts
        package var results: [NodeResult]
        package var checkResults: [CheckResult]
        package var settings: [(String, String)]
    }

    package var collector: NodeCollector
    package var benchmark: String?
    /// `--kubelet-version`, when the node itself does not reveal it.
    package var kubeletVersion: String?
    package var engine: EngineOptions

    package init(collector: NodeCollector, benchmark: String?, kubeletVersion: String?, engine: EngineOptions = EngineOptions()) {
        self.collector = collector
        self.benchmark = benchmark
        self.kubeletVersion = kubeletVersion
        self.engine = engine
    }

    package func run() throws(VersionSelection.SelectionError) -> Outcome {
        let facts = collector.collect()
        var minor = facts.kubernetesMinor
        if let kubeletVersion {
            guard let given = VersionSelection.minor(of: kubeletVersion) else {
                throw VersionSelection.SelectionError(description: "--kubelet-version must look like 1.31 (got \(kubeletVersion))")
            }
            minor = (given, "--kubelet-version")
        }
        let choice = try VersionSelection.choose(explicit: benchmark, kubernetesMinor: minor)
        let chosen = BenchmarkData.benchmark(choice.benchmark)!
        let results = Evaluator(benchmark: chosen, facts: facts).results()
            .filter { engine.selection.includes(NodeCatalog.metadata(for: $0.control)) && !engine.configuration.isDisabled(NodeCatalog.metadata(for: $0.control)) }
        var rows = results.map { checkResult($0, benchmark: chosen, facts: facts) }
        rows.sortForReport()
        return Outcome(benchmark: chosen, choice: choice, facts: facts, results: results, checkResults: rows,
                       settings: Self.settings(chosen, choice, facts))
    }

    private func checkResult(_ result: NodeResult, benchmark: Benchmark, facts: NodeFacts) -> CheckResult {
        let metadata = NodeCatalog.metadata(for: result.control)
        let status: CheckStatus = switch result.state {
        case .pass: .pass
        case .fail, .warn: .fail
        case .error: .error
        case .notApplicable: .notApplicable
        }
        let resource = ResourceRef(
            kind: "Node", name: facts.hostname ?? "node", file: result.source?.file, line: result.source?.line, field: result.field)
        // A manual recommendation is a warning: a failure of severity info, below every --fail-on but info.
        let finding = Finding(
            status: status, message: "\(benchmark.version) \(result.item.id) \(result.state.rawValue): \(result.message)",
            resource: resource, severity: result.state == .warn ? .info : nil)
        return Engine<NodeSubject, NodeSubject>(checks: [], options: engine).result(metadata, finding)
    }

    private static func settings(_ benchmark: Benchmark, _ choice: VersionSelection.Choice, _ facts: NodeFacts) -> [(String, String)] {
        var settings: [(String, String)] = [
            ("benchmark", benchmark.version), ("benchmark-choice", choice.reason), ("node", facts.hostname ?? "unknown"),
            ("os", facts.os.description), ("kubelet-command-line", facts.commandLineSource ?? "not found (flags assumed absent)"),
            ("kubelet-config", facts.configFiles.map(\.path).joined(separator: ", ").nonEmpty ?? "not found"),
        ]
        if case .success(let kubeconfig) = facts.kubeconfig { settings.append(("kubeconfig", kubeconfig.path)) }
        if let computeType = facts.computeType { settings.append(("compute-type", computeType)) }
        return settings
    }
}

/// The engine only lends its waiver and severity logic here; node checks have no subject type of
/// their own because the evaluator, not the engine, runs them.
package struct NodeSubject: CheckSubject {
    package var resource: ResourceRef
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
