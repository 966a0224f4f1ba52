import EKSGuardCore

/// The JSON report of CLI.md, schemaVersion 1, keys in the documented order.
///
/// Additions to the documented shape (allowed by "unknown keys may be added"): a top-level
/// `settings` object, `resource.field` when the result names a field, and `waiver` when a waiver
/// applied (or applied and expired).
enum JSONWriter: ReportWriter {
    static let schemaVersion = 1

    static func render(_ report: Report, options: RenderOptions) -> String {
        // About 700 bytes per pretty-printed result: reserve once instead of growing repeatedly.
        var json = JSONBuilder(capacity: 1024 + report.results.count * 768)
        json.beginObject()
        json.field("schemaVersion", schemaVersion)
        json.key("tool")
        json.beginObject()
        json.field("name", "eksguard")
        json.field("version", report.toolVersion)
        json.endObject()
        json.key("settings")
        json.beginObject()
        for (name, value) in report.settings { json.field(name, value) }
        json.endObject()
        json.key("results")
        json.beginArray()
        for result in report.results { write(result, to: &json) }
        json.endArray()
        let summary = report.summary
        json.key("summary")
        json.beginObject()
        json.field("pass", summary.pass)
        json.field("fail", summary.fail)
        json.field("error", summary.error)
        json.field("notApplicable", summary.notApplicable)
        json.field("waived", summary.waived)
        json.endObject()
        json.endObject()
        return json.text + "\n"
    }

    private static func write(_ result: CheckResult, to json: inout JSONBuilder) {
        json.beginObject()
        json.field("checkID", result.checkID)
        json.field("title", result.title)
        json.field("practice", result.practice.rawValue)
        json.field("severity", result.severity.rawValue)
        json.field("status", result.status.rawValue)
        json.field("message", result.message)
        let resource = result.resource
        json.key("resource")
        json.beginObject()
        json.field("kind", resource.kind)
        json.field("namespace", resource.namespace)
        json.field("name", resource.name)
        json.field("container", resource.container)
        json.field("arn", resource.arn)
        json.field("file", resource.file)
        json.field("line", resource.line)
        json.field("column", resource.column)
        if let field = resource.field { json.field("field", field) }
        json.endObject()
        json.field("references", result.references)
        json.field("remediation", result.remediation)
        if let waiver = result.waiver {
            json.key("waiver")
            json.beginObject()
            json.field("reason", waiver.reason)
            json.field("owner", waiver.owner)
            json.field("expires", waiver.expires)
            json.key("expired")
            json.bool(waiver.expired)
            json.endObject()
        }
        json.endObject()
    }
}
