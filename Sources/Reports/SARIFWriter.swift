import EKSGuardCore

/// SARIF 2.1.0 for code-scanning services (GitHub, GitLab, Azure DevOps).
///
/// Only findings a reviewer acts on become results: failures, waived failures (with a
/// suppression, so dashboards show them as accepted) and checks that could not be evaluated.
/// No timestamps or run IDs, so the same report always gives the same file.
enum SARIFWriter: ReportWriter {
    static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    static let informationURI = "https://github.com/eksguard/eksguard"

    /// Passes and not-applicable checks are not findings; SARIF consumers would show them as alerts.
    static func isReported(_ status: CheckStatus) -> Bool {
        switch status {
        case .fail, .waived, .error: true
        case .pass, .notApplicable: false
        }
    }

    /// What SARIF needs to describe a rule, from the catalog or, failing that, from a result.
    struct Rule {
        var id: String
        var title: String
        var rationale: String
        var remediation: String
        var references: [String]
        var practice: Practice
        var severity: Severity
    }

    static func render(_ report: Report, options: RenderOptions) -> String {
        let (rules, ruleIndex) = rules(for: report)
        var json = JSONBuilder(capacity: 4096 + rules.count * 1024 + report.results.count * 1024)
        json.beginObject()
        json.field("$schema", schemaURI)
        json.field("version", "2.1.0")
        json.key("runs")
        json.beginArray()
        json.beginObject()

        json.key("tool")
        json.beginObject()
        json.key("driver")
        json.beginObject()
        json.field("name", "eksguard")
        json.field("version", report.toolVersion)
        json.field("informationUri", informationURI)
        json.key("rules")
        json.beginArray()
        for rule in rules { write(rule, to: &json) }
        json.endArray()
        json.endObject()
        json.endObject()

        json.key("results")
        json.beginArray()
        for result in report.results where isReported(result.status) {
            write(result, ruleIndex: ruleIndex[result.checkID]!, to: &json)
        }
        json.endArray()

        if !report.settings.isEmpty {
            json.key("properties")
            json.beginObject()
            json.key("settings")
            json.beginObject()
            for (name, value) in report.settings { json.field(name, value) }
            json.endObject()
            json.endObject()
        }
        json.endObject()
        json.endArray()
        json.endObject()
        return json.text
    }

    /// The checks that ran, in catalog order, then any check a result names that the catalog
    /// lacks: every `ruleIndex` must point at a rule with the same ID, or viewers misattribute results.
    static func rules(for report: Report) -> (rules: [Rule], index: [String: Int]) {
        var rules: [Rule] = []
        var index: [String: Int] = [:]
        for check in report.checks where index[check.id] == nil {
            index[check.id] = rules.count
            rules.append(Rule(
                id: check.id, title: check.title, rationale: check.rationale, remediation: check.remediation,
                references: check.references, practice: check.practice, severity: check.severity))
        }
        for result in report.results where index[result.checkID] == nil {
            index[result.checkID] = rules.count
            rules.append(Rule(
                id: result.checkID, title: result.title, rationale: result.title, remediation: result.remediation,
                references: result.references, practice: result.practice, severity: result.severity))
        }
        return (rules, index)
    }

    private static func write(_ rule: Rule, to json: inout JSONBuilder) {
        json.beginObject()
        json.field("id", rule.id)
        json.field("name", pascalCase(rule.title))
        json.key("shortDescription")
        text(rule.title, to: &json)
        json.key("fullDescription")
        text(rule.rationale, to: &json)
        json.key("help")
        text(rule.remediation, to: &json)
        json.key("defaultConfiguration")
        json.beginObject()
        json.field("level", level(rule.severity))
        json.endObject()
        json.key("properties")
        json.beginObject()
        // GitHub reads `security-severity` only on rules tagged `security`.
        json.field("tags", ["security"] + rule.references)
        json.field("practice", rule.practice.rawValue)
        json.field("security-severity", securitySeverity(rule.severity))
        json.endObject()
        json.endObject()
    }

    private static func write(_ result: CheckResult, ruleIndex: Int, to json: inout JSONBuilder) {
        json.beginObject()
        json.field("ruleId", result.checkID)
        json.field("ruleIndex", ruleIndex)
        if result.status == .error {
            // The check could not decide: not a finding about the resource but a gap to look at.
            // SARIF §3.27.9 requires level "none" whenever kind is not "fail".
            json.field("kind", "review")
            json.field("level", "none")
        } else {
            json.field("kind", "fail")
            json.field("level", level(result.severity))
        }
        json.key("message")
        text(result.message, to: &json)

        let resource = result.resource
        let hasObject = resource.kind != nil || resource.name != nil || resource.arn != nil
        if resource.file != nil || hasObject {
            json.key("locations")
            json.beginArray()
            json.beginObject()
            if let file = resource.file {
                json.key("physicalLocation")
                json.beginObject()
                json.key("artifactLocation")
                json.beginObject()
                json.field("uri", uriReference(file))
                json.endObject()
                if let line = resource.line {
                    json.key("region")
                    json.beginObject()
                    json.field("startLine", line)
                    if let column = resource.column { json.field("startColumn", column) }
                    json.endObject()
                }
                json.endObject()
            }
            if hasObject {
                json.key("logicalLocations")
                json.beginArray()
                json.beginObject()
                json.field("fullyQualifiedName", resource.displayName)
                if let kind = resource.kind { json.field("kind", kind) }
                json.endObject()
                json.endArray()
            }
            json.endObject()
            json.endArray()
        }

        if result.status == .waived {
            json.key("suppressions")
            json.beginArray()
            json.beginObject()
            json.field("kind", "external")
            json.field("status", "accepted")
            json.field("justification", result.waiver?.summary ?? "waived in the eksguard configuration")
            json.endObject()
            json.endArray()
        }

        json.key("properties")
        json.beginObject()
        json.field("status", result.status.rawValue)
        json.field("severity", result.severity.rawValue)
        if let field = resource.field { json.field("field", field) }
        json.endObject()
        json.endObject()
    }

    private static func text(_ value: String, to json: inout JSONBuilder) {
        json.beginObject()
        json.field("text", value)
        json.endObject()
    }

    /// SARIF has three levels; our five severities fold onto them.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    /// GitHub's `security-severity`: a CVSS-like score as a string, which it buckets back into
    /// critical (9.0+), high (7.0+), medium (4.0+) and low.
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: "0.0"
        }
    }

    /// SARIF's `name` is an identifier-like form of the rule (`PrivilegedContainer`).
    static func pascalCase(_ title: String) -> String {
        title.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// The path as a relative URI reference, as given (SARIF viewers resolve it against the
    /// checkout), with the characters a URI cannot hold percent-encoded (`my file.yaml`).
    static func uriReference(_ path: String) -> String {
        // A colon in the first segment would read as a URI scheme (`c:x.yaml`); `./` keeps it a path.
        let firstSegment = path.prefix { $0 != "/" }
        var out = firstSegment.contains(":") ? "./" : ""
        for byte in path.utf8 {
            if isURIPathByte(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// RFC 3986 `pchar` plus `/`: unreserved, sub-delims, `:` and `@`.
    private static func isURIPathByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~!$&'()*+,;=:@/".utf8.contains(byte)
        }
    }
}
