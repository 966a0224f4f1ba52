import EKSGuardCore

/// The node controls as catalog checks (`eksguard checks`, `explain`, docs/CHECKS.md), with every
/// benchmark version's number as a reference and the controls' examples as their tests.
package enum NodeCatalog {
    package static let metadata: [CheckMetadata] = BenchmarkData.controlsByID.values
        .sorted { $0.id < $1.id }
        .map(metadata(for:))

    package static func metadata(for control: Control) -> CheckMetadata {
        CheckMetadata(
            id: control.id, title: control.title, practice: .cisBenchmark,
            severity: Severity(rawValue: control.severity) ?? .medium,
            rationale: control.rationale, remediation: control.remediation,
            references: references(of: control.id),
            passing: control.passing.map(example), failing: control.failing.map(example))
    }

    /// `CIS-EKS-1.8.0:3.2.1` for every version that has the control, oldest first.
    package static func references(of controlID: String) -> [String] {
        BenchmarkData.benchmarks.flatMap { benchmark in
            benchmark.items.filter { $0.control == controlID }.map { "CIS-\(benchmark.version.uppercased()):\($0.id)" }
        }
    }

    private static func example(_ example: Control.Example) -> CheckExample {
        var options: [String: String] = [:]
        if let mode = example.mode { options["mode"] = mode }
        if let owner = example.owner { options["owner"] = owner }
        if let flags = example.flags { options["flags"] = flags.joined(separator: " ") }
        return CheckExample(format: .json, input: example.config, options: options)
    }
}
