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

        let scoreboard = report.kind == .audit ? Scoreboard(report.results) : nil
        if let scoreboard { appendScoreboard(scoreboard, to: &out) }

        let summary = report.summary
        out += "## Summary\n\n| Status | Count |\n|---|---:|\n"
        out += "| Passed | \(summary.pass) |\n| Failed | \(summary.fail) |\n| Errors | \(summary.error) |\n"
        out += "| Not applicable | \(summary.notApplicable) |\n| Waived | \(summary.waived) |\n"

        for group in practiceGroups(report.results) {
            out += "\n## Practice \(group.practice.rawValue): \(group.practice.title)"
            if let row = scoreboard?.rows.first(where: { $0.practice == group.practice }) {
                out += " (score \(row.scoreText))"
            }
            out += "\n\n"
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
                    scoreboard == nil ? escape(result.resource.displayName) : auditResource(result.resource),
                    escape(result.resource.location ?? ""), escape(message),
                ]
                out += "| " + cells.joined(separator: " | ") + " |\n"
            }
            if scoreboard != nil {
                let failing = CheckDigest.of(group.results).filter { $0.status == .fail }
                appendRemediation(failing.map { ($0.info.id, $0.info.title, $0.info.remediation, $0.references) }, to: &out)
            } else {
                appendRemediation(failingChecks(group.results).map { ($0.id, $0.title, $0.remediation, []) }, to: &out)
            }
        }
        return out
    }

    /// A table of every practice: score, checks by status, and results as passed/failed/errors/not
    /// applicable/waived.
    private static func appendScoreboard(_ board: Scoreboard, to out: inout String) {
        out += "## Scoreboard\n\n"
        out += "Checks are counted by their worst result; results are passed/failed/errors/not applicable/waived. "
        out += "The score is the severity-weighted share of evaluated checks that passed (docs/report.md).\n\n"
        out += "| Practice | Score | Passed | Failed | Errors | N/A | Waived | Results |\n"
        out += "|---|---:|---:|---:|---:|---:|---:|---|\n"
        func line(_ label: String, _ score: String, _ checks: Summary, _ results: Summary) -> String {
            "| \(label) | \(score) | \(checks.pass) | \(checks.fail) | \(checks.error) | \(checks.notApplicable) | "
                + "\(checks.waived) | \(slashCounts(results)) |\n"
        }
        for row in board.rows {
            out += line("\(row.practice.rawValue). \(escape(row.practice.title))", row.scoreText, row.checks, row.results)
        }
        out += line("**Overall**", "**\(board.overall.scoreText)**", board.overall.checks, board.overall.results)
        out += "\n"
    }

    /// The object, then its ARN and field when the report is an audit, one per line of the cell.
    private static func auditResource(_ resource: ResourceRef) -> String {
        var lines = [escape(resource.displayName)]
        if let arn = resource.arn, arn != resource.displayName { lines.append(escape(arn)) }
        if let field = resource.field { lines.append(escape(field)) }
        return lines.joined(separator: "<br>")
    }

    /// Each failing check once, with its references (linked where they have a page) in an audit.
    private static func appendRemediation(
        _ checks: [(id: String, title: String, remediation: String, references: [String])], to out: inout String
    ) {
        guard !checks.isEmpty else { return }
        out += "\n### Remediation\n\n"
        for check in checks {
            out += "- **\(escape(check.id))** (\(escape(check.title))): \(escape(check.remediation))"
            if !check.references.isEmpty {
                out += " References: " + check.references.map { reference in
                    ReferenceLinks.url(for: reference).map { "[\(escape(reference))](\($0))" } ?? escape(reference)
                }.joined(separator: ", ") + "."
            }
            out += "\n"
        }
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
