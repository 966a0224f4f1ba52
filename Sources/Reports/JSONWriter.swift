import EKSGuardCore

/// The JSON report of CLI.md, schemaVersion 1, keys in the documented order.
///
/// Additions to the documented shape (allowed by "unknown keys may be added"): a top-level
/// `settings` object, `resource.field` when the result names a field, and `waiver` when a waiver
/// applied (or applied and expired).
enum JSONWriter: ReportWriter {
    static let schemaVersion = 1

    static func render(_ report: Report, options: RenderOptions) -> String {
        String(decoding: renderPieces(report, options: options).joined(), as: UTF8.self)
    }

    /// The document in pieces: the head up to the `results` array, the array's items in slices,
    /// and the tail from the end of the array.
    static func renderPieces(_ report: Report, options: RenderOptions) -> [[UInt8]] {
        var json = JSONBuilder(capacity: 1024)
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
        let head = json.output
        let items = ResultPieces(report.results).render()
        json = JSONBuilder(capacity: 1024, continuing: [1, report.results.count])
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
        json.endDocument()
        return [head] + items + [json.output]
    }

    /// The builder state inside a result object that already holds a field: top-level object,
    /// `results` array, result object. Pieces rendered from here join any result.
    fileprivate static let insideResult = [1, 1, 1]

    /// Writes the results array's items in slices on every core. A report can hold hundreds of
    /// thousands of results, and the fields every result of a check shares are encoded once per check.
    private struct ResultPieces {
        let results: [CheckResult]
        let shared: [ObjectIdentifier: SharedFields]
        static let sliceSize = 4096

        init(_ results: [CheckResult]) {
            self.results = results
            var shared: [ObjectIdentifier: SharedFields] = [:]
            for result in results where shared[ObjectIdentifier(result.check)] == nil {
                shared[ObjectIdentifier(result.check)] = SharedFields(result.check)
            }
            self.shared = shared
        }

        func render() -> [[UInt8]] {
            let slices = stride(from: 0, to: results.count, by: Self.sliceSize).map { $0..<min($0 + Self.sliceSize, results.count) }
            return concurrentMap(slices) { slice in
                // About 700 bytes per pretty-printed result.
                var json = JSONBuilder(capacity: slice.count * 768, continuing: [1, slice.lowerBound > 0 ? 1 : 0])
                for index in slice {
                    JSONWriter.write(results[index], shared: shared[ObjectIdentifier(results[index].check)]!, to: &json)
                }
                return json.output
            }
        }
    }

    /// `title` and `practice`, and `references` and `remediation`, as every result of one check
    /// writes them (a result with references of its own writes the second pair itself).
    private struct SharedFields: Sendable {
        let titleAndPractice: [UInt8]
        let referencesAndRemediation: [UInt8]

        init(_ check: CheckInfo) {
            var head = JSONBuilder(capacity: 256, continuing: JSONWriter.insideResult)
            head.field("title", check.title)
            head.field("practice", check.practice.rawValue)
            titleAndPractice = head.output
            var tail = JSONBuilder(capacity: 512, continuing: JSONWriter.insideResult)
            tail.field("references", check.references)
            tail.field("remediation", check.remediation)
            referencesAndRemediation = tail.output
        }
    }

    // `borrowing`: results are read in place, never copied (copying one retains each of its strings).
    private static func write(_ result: borrowing CheckResult, shared: borrowing SharedFields, to json: inout JSONBuilder) {
        json.beginObject()
        json.field("checkID", result.checkID)
        json.append(shared.titleAndPractice, items: 2)
        json.field("severity", result.severity.rawValue)
        json.field("status", result.status.rawValue)
        json.field("message", result.message)
        json.key("resource")
        json.beginObject()
        json.field("kind", result.resource.kind)
        json.field("namespace", result.resource.namespace)
        json.field("name", result.resource.name)
        json.field("container", result.resource.container)
        json.field("arn", result.resource.arn)
        json.field("file", result.resource.file)
        json.field("line", result.resource.line)
        json.field("column", result.resource.column)
        if let field = result.resource.field { json.field("field", field) }
        json.endObject()
        if result.extraReferences.isEmpty {
            json.append(shared.referencesAndRemediation, items: 2)
        } else {
            json.field("references", result.references)
            json.field("remediation", result.remediation)
        }
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
