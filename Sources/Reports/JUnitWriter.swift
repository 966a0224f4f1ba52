import EKSGuardCore

/// JUnit XML for CI test dashboards (Jenkins, GitLab, Azure Pipelines): one `<testsuite>` per
/// practice and one `<testcase>` per check and resource, passes included so the dashboard shows
/// what was tested. Failed checks are failures, unevaluated checks errors, and waived or
/// not-applicable checks skipped.
enum JUnitWriter: ReportWriter {
    static func render(_ report: Report, options: RenderOptions) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out.reserveCapacity(512 + report.results.count * 400)
        let total = report.summary
        out += "<testsuites name=\"eksguard\"\(counts(total, tests: report.results.count))>\n"
        for group in practiceGroups(report.results) {
            let summary = Summary(group.results)
            let name = "Practice \(group.practice.rawValue): \(group.practice.title)"
            out += "  <testsuite name=\"\(attribute(name))\"\(counts(summary, tests: group.results.count))>\n"
            if !report.settings.isEmpty {
                out += "    <properties>\n"
                for (key, value) in report.settings {
                    out += "      <property name=\"\(attribute(key))\" value=\"\(attribute(value))\"/>\n"
                }
                out += "    </properties>\n"
            }
            for result in group.results { write(result, to: &out) }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    private static func counts(_ summary: Summary, tests: Int) -> String {
        " tests=\"\(tests)\" failures=\"\(summary.fail)\" errors=\"\(summary.error)\""
            + " skipped=\"\(summary.notApplicable + summary.waived)\""
    }

    private static func write(_ result: CheckResult, to out: inout String) {
        var name = result.resource.displayName
        if let location = result.resource.location { name += " " + location }
        let open = "    <testcase classname=\"\(attribute(result.checkID))\" name=\"\(attribute(name))\""
        let message = attribute(result.message)
        switch result.status {
        case .pass:
            out += open + "/>\n"
        case .fail:
            var body = result.message + "\n\nRemediation: " + result.remediation
            if let waiver = result.waiver { body += "\nWaiver: " + waiver.summary }
            out += open + ">\n"
            out += "      <failure message=\"\(message)\" type=\"\(result.severity.rawValue)\">"
            out += text(body) + "</failure>\n"
            out += "    </testcase>\n"
        case .error:
            out += open + ">\n"
            out += "      <error message=\"\(message)\" type=\"\(result.severity.rawValue)\">"
            out += text(result.message) + "</error>\n"
            out += "    </testcase>\n"
        case .notApplicable:
            out += open + ">\n      <skipped message=\"\(message)\"/>\n    </testcase>\n"
        case .waived:
            let reason = result.waiver.map { "waived: " + $0.summary } ?? "waived"
            out += open + ">\n      <skipped message=\"\(attribute(reason))\"/>\n"
            out += "      <system-out>\(text(result.message))</system-out>\n"
            out += "    </testcase>\n"
        }
    }

    // MARK: escaping

    /// Characters XML 1.0 allows at all (§2.2). Swift strings cannot hold lone surrogates, so
    /// only the C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF fall outside.
    private static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Attribute values: quotes escaped, and whitespace controls as character references because
    /// a parser would otherwise normalise a newline in an attribute to a space.
    static func attribute(_ value: String) -> String {
        escape(value) { scalar in
            switch scalar {
            case "\"": "&quot;"
            case "'": "&apos;"
            case "\n": "&#10;"
            case "\r": "&#13;"
            case "\t": "&#9;"
            default: nil
            }
        }
    }

    /// Element content: `>` is escaped too so a `]]>` in a message cannot end anything.
    static func text(_ value: String) -> String {
        escape(value) { $0 == "\r" ? "&#13;" : nil }
    }

    private static func escape(_ value: String, extra: (Unicode.Scalar) -> String?) -> String {
        // Fast path for the common clean string. 0xEF leads the UTF-8 of U+FFFE and U+FFFF.
        let clean = value.utf8.allSatisfy { byte in
            byte >= 0x20 && byte != 0xEF && !"&<>\"'".utf8.contains(byte)
        }
        if clean { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            if let replacement = extra(scalar) {
                out += replacement
                continue
            }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default:
                if isXMLChar(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    // Not representable in XML 1.0 even as a character reference: show it as text.
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                }
            }
        }
        return out
    }
}
