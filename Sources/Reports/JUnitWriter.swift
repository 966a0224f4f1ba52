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
        let name = result.resource.label(separator: " ")
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
        representable(value).replacingASCII { byte in
            switch byte {
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "'"): "&apos;"
            case 0x0A: "&#10;"
            case 0x0D: "&#13;"
            case 0x09: "&#9;"
            default: markup(byte)
            }
        }
    }

    /// Element content: `>` is escaped too so a `]]>` in a message cannot end anything; a CR as
    /// a reference because parsers turn a literal one into a newline.
    static func text(_ value: String) -> String {
        representable(value).replacingASCII { byte in
            switch byte {
            case 0x0A, 0x09: nil
            case 0x0D: "&#13;"
            default: markup(byte)
            }
        }
    }

    private static func markup(_ byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        // Other C0 controls are not XML 1.0 characters, not even as references: show them as text.
        case 0x00...0x1F: "\\u{\(String(byte, radix: 16, uppercase: true))}"
        default: nil
        }
    }

    /// U+FFFE and U+FFFF are not XML characters either (XML 1.0 §2.2); they are rare enough that
    /// a scalar-level pass runs only when their lead byte 0xEF appears. Swift strings cannot
    /// hold lone surrogates, so nothing else outside ASCII needs this.
    private static func representable(_ value: String) -> String {
        guard value.containsUTF8Byte(where: { $0 == 0xEF }) else { return value }
        var out = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            if scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
