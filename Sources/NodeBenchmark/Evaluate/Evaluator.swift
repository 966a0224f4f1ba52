/// Runs one benchmark version's tests over a node's facts.
package struct Evaluator: Sendable {
    package var benchmark: Benchmark
    package var facts: NodeFacts

    package init(benchmark: Benchmark, facts: NodeFacts) {
        self.benchmark = benchmark
        self.facts = facts
    }

    /// Three-valued: a test holds, does not, or cannot be decided from what was read.
    package enum Verdict: Sendable, Equatable {
        case holds, fails
        case unknown(String)
    }

    /// A test's verdict with the values it looked at.
    package struct Outcome: Sendable, Equatable {
        package var verdict: Verdict
        package var found: [String]
        package var expected: String
        /// Where the deciding value came from, for the result's resource.
        package var source: ValueSource?
        /// The configuration key or flag that value was read as (`readOnlyPort`, `--read-only-port`).
        package var field: String?
    }

    package func results() -> [NodeResult] {
        benchmark.groups.flatMap { group in group.checks.map { result(for: $0, in: group) } }
    }

    func result(for item: Benchmark.Item, in group: Benchmark.Group) -> NodeResult {
        let control = BenchmarkData.controlsByID[item.control]!
        var result = NodeResult(item: item, group: group, control: control, state: .error, found: [], expected: "", message: "")
        if let computeType = facts.computeType {
            result.state = .notApplicable
            result.message = "EKS \(computeType == "fargate" ? "Fargate" : "Auto Mode") node: the worker-node section does not apply (AWS manages the kubelet)"
            return result
        }
        guard let test = item.test ?? control.test else {
            result.state = .warn
            result.found = ["OS: \(facts.os.description)"]
            result.message = "manual check: \(control.audit) Found OS: \(facts.os.description)."
            return result
        }
        let outcome = evaluate(test)
        result.found = outcome.found
        result.expected = outcome.expected
        result.source = outcome.source
        result.field = outcome.field
        var evidence = "found \(outcome.found.joined(separator: "; ")); expected \(outcome.expected)"
        if facts.commandLineSource == nil, test.readsSettings {
            evidence += " (\(NodeFacts.noCommandLine): kubelet flags, which override the file, assumed absent)"
        }
        switch (item.type, outcome.verdict) {
        case (.manual, .unknown(let reason)):
            result.state = .warn
            result.message = "manual check: \(control.audit) Could not read it automatically: \(reason)."
        case (.manual, _):
            result.state = .warn
            result.message = "manual check: \(control.audit) Automated reading: \(evidence)."
        case (.automated, .holds):
            result.state = .pass
            result.message = evidence
        case (.automated, .fails):
            result.state = .fail
            result.message = evidence
        case (.automated, .unknown(let reason)):
            result.state = .error
            result.message = "cannot evaluate: \(reason)"
        }
        return result
    }

    package func evaluate(_ test: BenchmarkTest) -> Outcome {
        switch test {
        case .all(let tests): return combine(tests.map(evaluate), all: true)
        case .any(let tests): return combine(tests.map(evaluate), all: false)
        case .isSet(.setting(let setting)), .isUnset(.setting(let setting)):
            let wantSet = if case .isSet = test { true } else { false }
            let expected = "\(setting.label) \(wantSet ? "set" : "unset")"
            switch facts.lookup(setting) {
            case .found(let value, let source):
                return Outcome(
                    verdict: wantSet ? .holds : .fails, found: ["\(setting.label) = \(value) (\(source))"], expected: expected,
                    source: source, field: setting.field(readFrom: source))
            case .unset:
                return Outcome(verdict: wantSet ? .fails : .holds, found: ["\(setting.label) unset"], expected: expected)
            case .unknown(let reason):
                return Outcome(verdict: .unknown(reason), found: [], expected: expected)
            }
        case .compare(.setting(let setting), let op, let value):
            let expected = "\(setting.label) \(op.rawValue) \(value)"
            switch facts.lookup(setting) {
            case .found(let found, let source):
                let verdict: Verdict
                do {
                    verdict = try op.holds(found: found, expected: value, kind: setting.kind) ? .holds : .fails
                } catch {
                    verdict = .unknown("\(setting.label) at \(source): \(error)")
                }
                return Outcome(
                    verdict: verdict, found: ["\(setting.label) = \(found) (\(source))"], expected: expected,
                    source: source, field: setting.field(readFrom: source))
            case .unset:
                return Outcome(verdict: .fails, found: ["\(setting.label) unset"], expected: expected)
            case .unknown(let reason):
                return Outcome(verdict: .unknown(reason), found: [], expected: expected)
            }
        case .compare(.file(let role, let property), let op, let value):
            return compareFiles(role, property, op, value)
        case .isSet(.file(let role, _)), .isUnset(.file(let role, _)):
            return Outcome(verdict: .unknown("set/unset does not apply to files"), found: [], expected: role.rawValue)
        }
    }

    private func compareFiles(_ role: FileRole, _ property: FileProperty, _ op: Operator, _ value: String) -> Outcome {
        let name = role == .kubeconfig ? "kubelet kubeconfig" : "kubelet configuration"
        let expected = "\(property.rawValue) of the \(name) \(op.rawValue) \(value)"
        let files: [NodeFacts.FileFact]
        switch role {
        case .kubeconfig:
            switch facts.kubeconfig {
            case .success(let fact): files = [fact]
            case .failure(let problem): return Outcome(verdict: .unknown(problem.description), found: [], expected: expected)
            }
        case .config:
            files = facts.configFiles
            if files.isEmpty, case .failure(let problem) = facts.config {
                return Outcome(verdict: .unknown(problem.description), found: [], expected: expected)
            }
        }
        var found: [String] = []
        var verdict = Verdict.holds
        var source: ValueSource?
        for file in files {
            switch file.status {
            case .failure(let error):
                let reason = "\(name) \(file.path) (\(file.origin)) \(error)"
                return Outcome(verdict: .unknown(reason), found: found, expected: expected, source: ValueSource(file: file.path))
            case .success(let status):
                let actual = property == .mode ? status.octalMode : facts.accounts.owner(of: status)
                found.append("\(file.path) \(property.rawValue) \(actual)")
                do {
                    if try !op.holds(found: actual, expected: value, kind: .string), verdict == .holds {
                        verdict = .fails
                        source = ValueSource(file: file.path)
                    }
                } catch {
                    return Outcome(verdict: .unknown("\(file.path): \(error)"), found: found, expected: expected)
                }
            }
        }
        return Outcome(verdict: verdict, found: found, expected: expected, source: source ?? files.first.map { ValueSource(file: $0.path) })
    }

    /// `all`: fails if any part fails, else unknown if any part is, else holds; `any` the dual.
    private func combine(_ outcomes: [Outcome], all: Bool) -> Outcome {
        let decisive: Verdict = all ? .fails : .holds
        let verdict: Verdict
        if let first = outcomes.first(where: { $0.verdict == decisive }) {
            verdict = first.verdict
        } else if let unknown = outcomes.first(where: { if case .unknown = $0.verdict { true } else { false } }) {
            verdict = unknown.verdict
        } else {
            verdict = all ? .holds : .fails
        }
        var found: [String] = []
        for outcome in outcomes { for item in outcome.found where !found.contains(item) { found.append(item) } }
        let expected = outcomes.map(\.expected).joined(separator: all ? " and " : " or ")
        let deciding = outcomes.first { $0.source != nil }
        return Outcome(verdict: verdict, found: found, expected: expected, source: deciding?.source, field: deciding?.field)
    }
}

extension BenchmarkTest {
    /// Whether the test reads kubelet settings (which flags can override), not only files.
    var readsSettings: Bool {
        switch self {
        case .all(let tests), .any(let tests): tests.contains(where: \.readsSettings)
        case .compare(.setting, _, _), .isSet(.setting), .isUnset(.setting): true
        case .compare(.file, _, _), .isSet(.file), .isUnset(.file): false
        }
    }
}
