import EKSGuardCore

/// A Markdown report for pull-request comments and job summaries (GitHub-flavoured tables):
/// summary counts, a table of the non-passing results of each practice, and remediation once
/// per failing check.
enum MarkdownWriter: ReportWriter {
    static func render(_ report: Report, options: RenderOptions) -> String {
        var out = "# eksguard report\n\n"
        out.reserveCapacity(1024 + report.results.count * 200)
        out += "eksguard \(escape(report.toolVersion))"
        if !report.command.isEmpty { out += " · \(escape(report.command))" }
        out += "\n\n"
        if !report.settings.isEmpty {
            out += "**Settings:** "
            out += report.settings.map { "\(escape($0.0)): \(escape($0.1))" }.joined(separator: " · ")
            out += "\n\n"
        }

        let summary = report.summary
        out += "## Summary\n\n| Status | Count |\n|---|---:|\n"
        out += "| Passed | \(summary.pass) |\n| Failed | \(summary.fail) |\n| Errors | \(summary.error) |\n"
        out += "| Not applicable | \(summary.notApplicable) |\n| Waived | \(summary.waived) |\n"

        for group in practiceGroups(report.results) {
            out += "\n## Practice \(group.practice.rawValue): \(group.practice.title)\n\n"
            let findings = group.results.filter { $0.status != .pass }
            guard !findings.isEmpty else {
                out += "All \(group.results.count) results passed.\n"
                continue
            }
            out += "| Status | Severity | Check | Resource | Location | Message |\n"
            out += "|---|---|---|---|---|---|\n"
            for result in findings {
                let message = result.messageWithWaiver
                let cells = [
                    result.status.label, result.severity.rawValue, escape(result.checkID),
                    escape(result.resource.displayName), escape(result.resource.location ?? ""), escape(message),
                ]
                out += "| " + cells.joined(separator: " | ") + " |\n"
            }
            let failing = failingChecks(group.results)
            if !failing.isEmpty {
                out += "\n### Remediation\n\n"
                for check in failing {
                    out += "- **\(escape(check.id))** (\(escape(check.title))): \(escape(check.remediation))\n"
                }
            }
        }
        return out
    }

    /// Text that renders as itself: Markdown and HTML punctuation backslash-escaped (CommonMark
    /// allows it before any ASCII punctuation), `|` escaped so cells do not split, newlines as
    /// `<br>` so a cell stays on one table row, and control characters made visible.
    static func escape(_ value: String) -> String {
        var safe = value.escapingUnsafeCharacters(keepNewlines: true)
        // The Unicode line and paragraph separators end a table row as surely as a newline.
        if safe.containsUTF8Byte(where: { $0 == 0xE2 }) {
            safe = String(String.UnicodeScalarView(safe.unicodeScalars.map {
                $0 == "\u{2028}" || $0 == "\u{2029}" ? "\n" : $0
            }))
        }
        return safe.replacingASCII { byte in
            if byte == 0x0A { return "<br>" }
            return isSpecial(byte) ? "\\" + String(UnicodeScalar(byte)) : nil
        }
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "~"),
             UInt8(ascii: "&"), UInt8(ascii: "!"), UInt8(ascii: "#"):
            true
        default: false
        }
    }
}
