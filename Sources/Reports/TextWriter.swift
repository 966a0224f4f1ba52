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
            for group in practiceGroups(report.results) {
                let shown = group.results.filter { options.verbose || $0.status != .pass }
                guard !shown.isEmpty else { continue }
                out += style.heading("Practice \(group.practice.rawValue): \(group.practice.title)") + "\n"
                for result in shown {
                    appendLine(for: result, indent: "  ", style: style, to: &out)
                    if let waiver = result.waiver {
                        let word = result.status == .waived ? "waived" : "waiver"
                        out += "  \(continuation)\(style.dim("\(word): \(waiver.summary.escapingUnsafeCharacters())"))\n"
                    }
                }
                let failing = failingChecks(group.results)
                if !failing.isEmpty {
                    out += "  " + style.bold("Remediation:") + "\n"
                    for check in failing {
                        let text = indentContinuation(
                            check.remediation.escapingUnsafeCharacters(keepNewlines: true), by: "      ")
                        out += "    \(check.id.escapingUnsafeCharacters())  \(text)\n"
                    }
                }
                out += "\n"
            }
        }
        out += style.bold(summaryLine(report.summary)) + "\n"
        return out
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
