import EKSGuardCore

/// The terminal report: results grouped by practice, one line each, then a summary line.
///
/// Every piece of text that came from an input (names, messages, paths) goes through
/// `escapingUnsafeCharacters`, because a manifest is untrusted and must not be able to send
/// escape sequences to the reader's terminal.
enum TextWriter: ReportWriter {
    static func render(_ report: Report, options: RenderOptions) -> String {
        let style = Style(enabled: options.color)
        var out = ""
        out.reserveCapacity(256 + report.results.count * 160)

        if options.quiet {
            for result in report.results where result.status == .fail || result.status == .error {
                appendLine(for: result, indent: "", style: style, to: &out)
            }
        } else {
            if !report.settings.isEmpty {
                let settings = report.settings.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
                out += "Settings: " + settings.escapingUnsafeCharacters() + "\n\n"
            }
            let scoreboard = report.kind == .audit ? Scoreboard(report.results) : nil
            if let scoreboard { appendScoreboard(scoreboard, style: style, to: &out) }
            for group in practiceGroups(report.results) {
                let shown = group.results.filter { options.verbose || $0.status != .pass }
                guard !shown.isEmpty else { continue }
                var heading = "Practice \(group.practice.rawValue): \(group.practice.title)"
                if let row = scoreboard?.rows.first(where: { $0.practice == group.practice }) {
                    heading += " (score \(row.scoreText))"
                }
                out += style.heading(heading) + "\n"
                for result in shown {
                    appendLine(for: result, indent: "  ", style: style, to: &out)
                    if scoreboard != nil, let detail = auditDetail(result.resource) {
                        out += "  \(continuation)\(style.dim(detail.escapingUnsafeCharacters()))\n"
                    }
                    if let waiver = result.waiver {
                        let word = result.status == .waived ? "waived" : "waiver"
                        out += "  \(continuation)\(style.dim("\(word): \(waiver.summary.escapingUnsafeCharacters())"))\n"
                    }
                }
                if scoreboard != nil {
                    appendAuditRemediation(group.results, style: style, to: &out)
                } else {
                    appendRemediation(failingChecks(group.results).map { ($0.id, $0.remediation, []) }, style: style, to: &out)
                }
                out += "\n"
            }
        }
        out += style.bold(summaryLine(report.summary)) + "\n"
        return out
    }

    /// `Scoreboard`, one line per practice (score, then checks and results as
    /// passed/failed/errors/not applicable/waived), and the overall line.
    private static func appendScoreboard(_ board: Scoreboard, style: Style, to out: inout String) {
        out += style.heading("Scoreboard") + "  (checks and results: passed/failed/errors/not applicable/waived)\n"
        // Numbers right-aligned in two columns: " 1." to "10.".
        let practiceWidth = 1 + (Practice.allCases.map { "\($0.rawValue). \($0.title)".count }.max() ?? 0)
        func line(_ label: String, score: String, checks: String, results: String) -> String {
            "  " + label + String(repeating: " ", count: max(practiceWidth - label.count, 0))
                + String(repeating: " ", count: max(9 - score.count, 0)) + score
                + "  " + checks + String(repeating: " ", count: max(14 - checks.count, 0)) + results + "\n"
        }
        out += line("Practice", score: "Score", checks: "Checks", results: "Results")
        for row in board.rows {
            let label = (row.practice.rawValue < 10 ? " " : "") + "\(row.practice.rawValue). \(row.practice.title)"
            out += line(label, score: row.scoreText, checks: slashCounts(row.checks), results: slashCounts(row.results))
        }
        out += style.bold(line("Overall", score: board.overall.scoreText, checks: slashCounts(board.overall.checks),
                               results: slashCounts(board.overall.results)))
        out += "\n"
    }

    /// `arn: ...  field: ...` under a result, when the one-line label does not already say them.
    private static func auditDetail(_ resource: ResourceRef) -> String? {
        var parts: [String] = []
        if let arn = resource.arn, arn != resource.displayName { parts.append("arn: \(arn)") }
        if let field = resource.field { parts.append("field: \(field)") }
        return parts.isEmpty ? nil : parts.joined(separator: "  ")
    }

    private static func appendAuditRemediation(_ results: [CheckResult], style: Style, to out: inout String) {
        let failing = CheckDigest.of(results).filter { $0.status == .fail }
        appendRemediation(failing.map { ($0.info.id, $0.info.remediation, $0.references) }, style: style, to: &out)
    }

    /// Each failing check once: ID, remediation, and the references when the report is an audit.
    private static func appendRemediation(
        _ checks: [(id: String, remediation: String, references: [String])], style: Style, to out: inout String
    ) {
        guard !checks.isEmpty else { return }
        out += "  " + style.bold("Remediation:") + "\n"
        for check in checks {
            let text = indentContinuation(check.remediation.escapingUnsafeCharacters(keepNewlines: true), by: "      ")
            out += "    \(check.id.escapingUnsafeCharacters())  \(text)\n"
            if !check.references.isEmpty {
                let references = check.references.joined(separator: ", ").escapingUnsafeCharacters()
                out += "      " + style.dim("references: \(references)") + "\n"
            }
        }
    }

    /// `FAIL    critical  EKS-POD-007  Deployment/prod/web/app  k8s/web.yaml:12:9  message`:
    /// status and severity padded to their widest word so the columns line up.
    private static func appendLine(for result: CheckResult, indent: String, style: Style, to out: inout String) {
        out += indent
        out += style.status(result.status) + padding(result.status.label, width: 6)
        out += style.severity(result.severity) + padding(result.severity.rawValue, width: 8)
        out += result.checkID.escapingUnsafeCharacters() + "  "
        out += result.resource.label(separator: "  ").escapingUnsafeCharacters() + "  "
        // Continuation lines of a multi-line message are indented so the next result stays findable.
        out += indentContinuation(result.message.escapingUnsafeCharacters(keepNewlines: true), by: indent + continuation)
        out += "\n"
    }

    /// Lines that belong to a result start under its severity column.
    private static let continuation = String(repeating: " ", count: 8)

    private static func padding(_ word: String, width: Int) -> String {
        String(repeating: " ", count: max(width - word.utf8.count, 0) + 2)
    }

    private static func indentContinuation(_ text: String, by indent: String) -> String {
        text.containsUTF8Byte { $0 == 0x0A } ? text.replacingASCII { $0 == 0x0A ? "\n" + indent : nil } : text
    }

    /// ANSI SGR styling that collapses to plain text when colour is off.
    struct Style {
        let enabled: Bool

        func apply(_ code: String, _ text: String) -> String {
            enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
        }

        func bold(_ text: String) -> String { apply("1", text) }
        func dim(_ text: String) -> String { apply("2", text) }
        func heading(_ text: String) -> String { apply("1;4", text) }

        func status(_ status: CheckStatus) -> String {
            switch status {
            case .pass: apply("32", status.label)
            case .fail: apply("1;31", status.label)
            case .error: apply("1;35", status.label)
            case .waived: apply("36", status.label)
            case .notApplicable: apply("2", status.label)
            }
        }

        func severity(_ severity: Severity) -> String {
            switch severity {
            case .critical: apply("1;31", severity.rawValue)
            case .high: apply("31", severity.rawValue)
            case .medium: apply("33", severity.rawValue)
            case .low: apply("34", severity.rawValue)
            case .info: apply("2", severity.rawValue)
            }
        }
    }
}
