import EKSGuardCore

/// The text report of `scan node`, laid out as kube-bench's so people who know it can read it:
/// `[PASS] 3.1.1 Ensure that …`, then the remediations, then the summary. eksguard adds the
/// version and how it was chosen, where each value came from, and `[ERROR]` for unread data.
package enum KubeBenchText {
    package static func render(_ outcome: NodeScan.Outcome) -> String {
        let rows = Dictionary(outcome.checkResults.map { ($0.checkID, $0) }, uniquingKeysWith: { first, _ in first })
        var out = "eksguard scan node: \(outcome.benchmark.name) (\(outcome.benchmark.version))\n"
        for (name, value) in outcome.settings where name != "benchmark" {
            out += "  \(name): \(safe(value))\n"
        }
        out += "\n[INFO] \(outcome.benchmark.section.id) \(outcome.benchmark.section.text)\n"
        var counts: [String: Int] = [:]
        var remediations: [(String, String)] = []
        var currentGroup = ""
        for result in outcome.results {
            if result.group.id != currentGroup {
                currentGroup = result.group.id
                out += "[INFO] \(result.group.id) \(result.group.text)\n"
            }
            let label = label(result, waived: rows[result.control.id]?.status == .waived)
            counts[label, default: 0] += 1
            out += "[\(label)] \(result.item.id) \(result.control.text) (\(result.item.type == .manual ? "Manual" : "Automated"))\n"
            if result.state != .pass {
                out += "       \(safe(result.message))\n"
            }
            if label == "FAIL" || label == "WARN" {
                remediations.append((result.item.id, result.control.remediation))
            }
        }
        out += "\n== Remediations node ==\n"
        for (id, text) in remediations { out += "\(id) \(text)\n\n" }
        out += "== Summary node ==\n"
        for label in ["PASS", "FAIL", "WARN", "INFO", "ERROR", "WAIVED"] where counts[label] != nil || ["PASS", "FAIL", "WARN", "INFO"].contains(label) {
            out += "\(counts[label] ?? 0) checks \(label)\n"
        }
        return out
    }

    /// kube-bench's words; N/A results are INFO there (not evaluated), waived ones are ours.
    private static func label(_ result: NodeResult, waived: Bool) -> String {
        if waived { return "WAIVED" }
        return result.state == .notApplicable ? "INFO" : result.state.rawValue
    }

    /// Node files are untrusted: control characters are shown escaped, never sent to the terminal.
    static func safe(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
