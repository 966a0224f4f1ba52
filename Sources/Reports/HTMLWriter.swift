import EKSGuardCore

/// One self-contained HTML page that can be archived as a CI artifact and opened offline: inline
/// style and script allowed by hash in a Content-Security-Policy, no external resource. An audit
/// opens with the scoreboard (an SVG chart drawn here, so it shows without JavaScript); then every
/// result, by practice, filterable by practice, severity and status, and each check once with its
/// remediation and linked references.
///
/// Every string from the report goes through `escape`: messages quote manifests and AWS responses.
enum HTMLWriter: ReportWriter {
    static func render(_ report: Report, options: RenderOptions) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(HTMLAssets.contentSecurityPolicy)">
            <meta name="color-scheme" content="light dark">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>eksguard \(report.kind == .audit ? "audit" : "report")</title>
            <style>\(HTMLAssets.style)</style>
            </head>
            <body>
            <h1>eksguard \(report.kind == .audit ? "audit" : "report")</h1>

            """
        // About 300 bytes of markup per result besides its text.
        out.reserveCapacity(out.utf8.count + 8192 + report.results.count * 450)
        out += "<p>eksguard \(escape(report.toolVersion))"
        if !report.command.isEmpty { out += " · <code>\(escape(report.command))</code>" }
        out += "</p>\n"
        if !report.settings.isEmpty {
            out += "<p>Settings: "
            out += report.settings.map { "\(escape($0.0)): <code>\(escape($0.1))</code>" }.joined(separator: ", ")
            out += "</p>\n"
        }
        out += "<p><strong>\(summaryLine(report.summary))</strong></p>\n"

        let groups = practiceGroups(report.results)
        let scoreboard = report.kind == .audit ? Scoreboard(report.results) : nil
        if let scoreboard { HTMLScoreboard.append(scoreboard, to: &out) }
        appendFilters(groups, summary: report.summary, to: &out)
        out += "<div id=\"findings\" class=\"hide-t-pass\">\n"
        for group in groups {
            let row = scoreboard?.rows.first { $0.practice == group.practice }
            appendSection(group.practice, results: group.results, score: row?.scoreText, to: &out)
        }
        out += "</div>\n<script>\(HTMLAssets.script)</script>\n</body>\n</html>\n"
        return out
    }

    /// The filter form, hidden until the script shows it: it does nothing without the script.
    private static func appendFilters(
        _ groups: [(practice: Practice, results: [CheckResult])], summary: Summary, to out: inout String
    ) {
        out += "<form id=\"filters\" hidden>\n<fieldset><legend>Practice</legend>\n"
        for group in groups {
            let label = "\(group.practice.rawValue). \(escape(group.practice.title)) (\(group.results.count))"
            out += checkbox(value: "p\(group.practice.rawValue)", checked: true, label: label)
        }
        out += "</fieldset>\n<fieldset><legend>Severity</legend>\n"
        var severities: [Severity: Int] = [:]
        for group in groups { for result in group.results { severities[result.severity, default: 0] += 1 } }
        for severity in Severity.allCases.reversed() {
            out += checkbox(value: "s-\(severity.rawValue)", checked: true,
                            label: "\(severity.rawValue) (\(severities[severity] ?? 0))")
        }
        out += "</fieldset>\n<fieldset><legend>Status</legend>\n"
        for status in [CheckStatus.fail, .error, .waived, .notApplicable, .pass] {
            out += checkbox(value: "t-\(status.rawValue)", checked: status != .pass,
                            label: "\(status.label) (\(summary.count(status)))")
        }
        out += "</fieldset>\n<p id=\"shown\" aria-live=\"polite\"></p>\n</form>\n"
        out += "<noscript><p>Passing results are hidden; the filters that show them need JavaScript.</p></noscript>\n"
    }

    private static func checkbox(value: String, checked: Bool, label: String) -> String {
        "<label><input type=\"checkbox\" value=\"\(value)\"\(checked ? " checked" : "")> \(label)</label>\n"
    }

    /// A practice: its results (passes too; the filters hide them at first), then its checks.
    private static func appendSection(_ practice: Practice, results: [CheckResult], score: String?, to out: inout String) {
        out += "<section id=\"practice-\(practice.rawValue)\" data-practice=\"\(practice.rawValue)\">\n"
        out += "<h2>Practice \(practice.rawValue): \(escape(practice.title))"
        if let score { out += " <span class=\"muted\">(score \(score))</span>" }
        out += "</h2>\n<p>\(summaryLine(Summary(results)))</p>\n"
        out += "<table class=\"findings\">\n<thead><tr><th>Status</th><th>Severity</th><th>Check</th>"
        out += "<th>Resource</th><th>Message</th></tr></thead>\n<tbody>\n"
        for index in results.indices { appendRow(results[index], to: &out) }
        out += "</tbody>\n</table>\n<h3>Checks</h3>\n<dl>\n"
        for check in CheckDigest.of(results) {
            let id = escape(check.info.id)
            out += "<dt id=\"check-\(id)\"><span class=\"is-\(check.status.rawValue)\">\(check.status.label)</span> "
            out += "\(id): \(escape(check.info.title)) <span class=\"muted\">(\(counts(check.results)))</span></dt>\n"
            out += "<dd><p>\(escape(check.info.remediation))</p>"
            if !check.references.isEmpty {
                out += "<p>References: " + check.references.map(referenceHTML).joined(separator: ", ") + "</p>"
            }
            out += "</dd>\n"
        }
        out += "</dl>\n</section>\n"
    }

    /// `<tr class="s-high t-fail">`: the classes are exactly what the filters and the script's
    /// tallies key on.
    private static func appendRow(_ result: CheckResult, to out: inout String) {
        let resource = result.resource
        let id = escape(result.checkID)
        out += "<tr class=\"s-\(result.severity.rawValue) t-\(result.status.rawValue)\"><td>\(result.status.label)</td>"
        out += "<td>\(result.severity.rawValue)</td><td><a href=\"#check-\(id)\">\(id)</a></td><td>"
        if resource.namesObject {
            out += escape(resource.displayName)
            if let location = resource.location { out += "<small>\(escape(location))</small>" }
        } else {
            // Only a file: its position is the whole resource.
            out += escape(resource.location ?? resource.displayName)
        }
        if let arn = resource.arn, arn != resource.displayName { out += "<small>\(escape(arn))</small>" }
        if let field = resource.field { out += "<small>\(escape(field))</small>" }
        out += "</td><td>\(escape(result.messageWithWaiver))</td></tr>\n"
    }

    /// `2 failed, 1 passed`: the non-zero counts only.
    private static func counts(_ summary: Summary) -> String {
        let words: [(CheckStatus, String)] = [
            (.fail, "failed"), (.error, "errors"), (.waived, "waived"), (.notApplicable, "not applicable"), (.pass, "passed"),
        ]
        return words.filter { summary.count($0.0) > 0 }.map { "\(summary.count($0.0)) \($0.1)" }.joined(separator: ", ")
    }

    private static func referenceHTML(_ reference: String) -> String {
        guard let url = ReferenceLinks.url(for: reference) else { return escape(reference) }
        return "<a href=\"\(escape(url))\" rel=\"noreferrer noopener\">\(escape(reference))</a>"
    }

    /// Escapes for element content and double-quoted attributes; control characters made visible
    /// (newline kept, since message cells preserve line breaks).
    static func escape(_ value: String) -> String {
        value.escapingUnsafeCharacters(keepNewlines: true).replacingASCII { byte in
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "'"): "&#39;"
            default: nil
            }
        }
    }
}
