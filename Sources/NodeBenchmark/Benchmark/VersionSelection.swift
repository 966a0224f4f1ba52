/// Which benchmark version a scan uses: the one named with `--benchmark`, or the one the table
/// below gives for the kubelet's Kubernetes minor version. The table never silently falls back:
/// a kubelet older than its first row is an error, and one newer than its last row gets the newest
/// benchmark with a note saying so in the report.
package enum VersionSelection {
    /// Kubernetes minor versions (1.N) → benchmark; documented in docs/node-benchmark.md.
    package static let table: [(minors: ClosedRange<Int>, benchmark: String)] = [
        (23...26, "eks-1.2.0"),
        (27...28, "eks-1.5.0"),
        (29...31, "eks-1.7.0"),
        (32...34, "eks-1.8.0"),
    ]

    package struct Choice: Sendable, Equatable {
        package var benchmark: String
        /// How it was chosen, printed in every report.
        package var reason: String
        /// Set when the choice deserves a warning on stderr.
        package var warning: String?
    }

    package struct SelectionError: Error, Sendable, Equatable, CustomStringConvertible {
        package var description: String
    }

    package static func choose(explicit: String?, kubernetesMinor: (minor: Int, source: String)?) throws(SelectionError) -> Choice {
        let known = BenchmarkData.versions
        if let explicit {
            guard known.contains(explicit) else {
                throw SelectionError(description: "unknown benchmark \(explicit); eksguard has \(known.joined(separator: ", "))")
            }
            return Choice(benchmark: explicit, reason: "--benchmark")
        }
        guard let (minor, source) = kubernetesMinor else {
            throw SelectionError(description:
                "cannot tell the kubelet's Kubernetes version from this node (only Bottlerocket names it in /etc/os-release); "
                + "choose the benchmark with --benchmark \(known.joined(separator: "|")) or give --kubelet-version 1.N")
        }
        if let row = table.first(where: { $0.minors.contains(minor) }) {
            return Choice(benchmark: row.benchmark, reason: "kubelet 1.\(minor) (\(source)), table row 1.\(row.minors.lowerBound)–1.\(row.minors.upperBound)")
        }
        guard let first = table.first, let last = table.last else { throw SelectionError(description: "empty version table") }
        if minor < first.minors.lowerBound {
            throw SelectionError(description:
                "kubelet 1.\(minor) is older than every benchmark in eksguard's table (from 1.\(first.minors.lowerBound)); choose one with --benchmark")
        }
        let note = "kubelet 1.\(minor) (\(source)) is newer than the table's last row (1.\(last.minors.upperBound)); using the newest benchmark, \(last.benchmark)"
        return Choice(benchmark: last.benchmark, reason: note, warning: note + "; pass --benchmark to choose explicitly")
    }

    /// `1.31`, `v1.31.2-eks-abc` or `31` → 31.
    package static func minor(of version: String) -> Int? {
        var text = Substring(version)
        if text.hasPrefix("v") { text = text.dropFirst() }
        let parts = text.split(separator: ".")
        if parts.count >= 2, parts[0] == "1" { return Int(parts[1].prefix { $0.isNumber }) }
        return parts.count == 1 ? Int(parts[0]) : nil
    }
}
