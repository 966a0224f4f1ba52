import EKSGuardCore

/// `--format hadolint-json`: hadolint's own `-f json` shape, so CI glue written for hadolint keeps
/// working: an array of `{code, column, file, level, line, message}` for each failed rule.
///
/// `code` is the hadolint code from the check's `hadolint:` reference (or the eksguard ID for our
/// own rules); `level` maps our severity back onto hadolint's four levels.
enum HadolintJSONWriter: ReportWriter {
    static func render(_ report: Report, options: RenderOptions) -> String {
        var json = JSONBuilder(capacity: 256 + report.results.count * 160)
        json.beginArray()
        for result in report.results where result.status == .fail || result.status == .error {
            json.beginObject()
            json.field("code", code(of: result))
            json.field("column", result.resource.column ?? 1)
            json.field("file", result.resource.file ?? "-")
            json.field("level", level(of: result))
            json.field("line", result.resource.line ?? 1)
            json.field("message", result.message)
            json.endObject()
        }
        json.endArray()
        return json.text
    }

    static func code(of result: CheckResult) -> String {
        let prefix = "hadolint:"
        return result.references.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) } ?? result.checkID
    }

    /// hadolint's levels, highest first: error, warning, info, style.
    static func level(of result: CheckResult) -> String {
        if result.status == .error { return "error" }
        switch result.severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low: return "info"
        case .info: return "style"
        }
    }
}
