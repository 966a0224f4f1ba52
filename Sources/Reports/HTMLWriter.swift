import EKSGuardCore

/// A single self-contained HTML page (inline CSS, no scripts, no external resources) that can be
/// archived as a CI artifact and opened offline.
enum HTMLWriter: ReportWriter {
    static func render(_ report: Report, options: RenderOptions) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>eksguard report</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2328}
            table{border-collapse:collapse;margin:0.5rem 0 1rem}
            th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
            td.message{white-space:pre-wrap}
            .fail{color:#cf222e;font-weight:bold}.error{color:#8250df;font-weight:bold}
            .waived,.notApplicable{color:#57606a}.pass{color:#1a7f37}
            </style>
            </head>
            <body>
            <h1>eksguard report</h1>

            """
        out.reserveCapacity(out.utf8.count + 1024 + report.results.count * 400)
        out += "<p>eksguard \(escape(report.toolVersion))"
        if !report.command.isEmpty { out += " · <code>\(escape(report.command))</code>" }
        out += "</p>\n"
        if !report.settings.isEmpty {
            out += "<p>Settings: "
            out += report.settings.map { "\(escape($0.0)): <code>\(escape($0.1))</code>" }.joined(separator: ", ")
            out += "</p>\n"
        }
        out += "<p><strong>\(summaryLine(report.summary))</strong></p>\n"

        for group in practiceGroups(report.results) {
            out += "<h2>Practice \(group.practice.rawValue): \(escape(group.practice.title))</h2>\n"
            let findings = group.results.filter { $0.status != .pass }
            guard !findings.isEmpty else {
                out += "<p>All \(group.results.count) results passed.</p>\n"
                continue
            }
            out += "<table>\n<tr><th>Status</th><th>Severity</th><th>Check</th><th>Resource</th>"
            out += "<th>Location</th><th>Message</th></tr>\n"
            for result in findings {
                let message = result.messageWithWaiver
                out += "<tr><td class=\"\(result.status.rawValue)\">\(result.status.label)</td>"
                out += "<td>\(result.severity.rawValue)</td><td>\(escape(result.checkID))</td>"
                out += "<td>\(escape(result.resource.displayName))</td>"
                out += "<td>\(escape(result.resource.location ?? ""))</td>"
                out += "<td class=\"message\">\(escape(message))</td></tr>\n"
            }
            out += "</table>\n"
            let failing = failingChecks(group.results)
            if !failing.isEmpty {
                out += "<h3>Remediation</h3>\n<ul>\n"
                for check in failing {
                    out += "<li><strong>\(escape(check.id))</strong> (\(escape(check.title))): "
                    out += "\(escape(check.remediation))</li>\n"
                }
                out += "</ul>\n"
            }
        }
        out += "</body>\n</html>\n"
        return out
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
