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
        let items = renderResults(report.results)
        json = JSONBuilder(capacity: 1024, continuing: [1, report.results.count])
        json.endArray()
        json.key("summary")
        writeCounts(report.summary, to: &json)
        if report.kind == .audit { writeScoreboard(Scoreboard(report.results), to: &json) }
        json.endObject()
        json.endDocument()
        return [head] + items + [json.output]
    }

    private static func writeCounts(_ summary: Summary, to json: inout JSONBuilder) {
        json.beginObject()
        json.field("pass", summary.pass)
        json.field("fail", summary.fail)
        json.field("error", summary.error)
        json.field("notApplicable", summary.notApplicable)
        json.field("waived", summary.waived)
        json.endObject()
    }

    /// The audit's `scoreboard`: the overall score and counts, then one entry per practice 1 to 10.
    /// `score` is null when nothing was evaluated; `checks` counts each check once by its worst result.
    private static func writeScoreboard(_ board: Scoreboard, to json: inout JSONBuilder) {
        json.key("scoreboard")
        json.beginObject()
        json.field("score", board.overall.score)
        json.key("checks")
        writeCounts(board.overall.checks, to: &json)
        json.key("results")
        writeCounts(board.overall.results, to: &json)
        json.key("practices")
        json.beginArray()
        for row in board.rows {
            json.beginObject()
            json.field("practice", row.practice.rawValue)
            json.field("title", row.practice.title)
            json.field("score", row.score)
            json.key("checks")
            writeCounts(row.checks, to: &json)
            json.key("results")
            writeCounts(row.results, to: &json)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    /// The builder state inside a result object that already holds a field: top-level object,
    /// `results` array, result object. Pieces rendered from here join any result.
    fileprivate static let insideResult = [1, 1, 1]

    /// The results array's items, written in slices on every core. A report can hold hundreds of
    /// thousands of results, and the fields every result of a check shares are encoded once per check
    /// and slice.
    private static let sliceSize = 4096

    private static func renderResults(_ results: [CheckResult]) -> [[UInt8]] {
        let slices = stride(from: 0, to: results.count, by: sliceSize).map { $0..<min($0 + sliceSize, results.count) }
        return concurrentMap(slices) { slice in
            // Each slice encodes the shared fields it needs itself: objects shared between threads
            // would have their reference counts fought over on every result.
            var shared: [ObjectIdentifier: SharedFields] = [:]
            // About 700 bytes per pretty-printed result.
            var out: [UInt8] = []
            out.reserveCapacity(slice.count * 768)
            for index in slice {
                out.append(static: index == 0 ? Layout.firstItem : Layout.nextItem)
                let key = ObjectIdentifier(results[index].check)
                if shared[key] == nil { shared[key] = SharedFields(results[index].check) }
                write(results[index], shared: shared[key]!, to: &out)
            }
            return out
        }
    }

    /// The opening through `practice`, and `references` and `remediation`, as every result of one check
    /// writes them (a result with references of its own writes the second pair itself).
    private final class SharedFields: Sendable {
        /// From the result's opening brace to `practice`.
        let head: [UInt8]
        let referencesAndRemediation: [UInt8]

        init(_ check: CheckInfo) {
            var head: [UInt8] = []
            head.append(static: Layout.checkID)
            head.appendJSONQuoted(check.id)
            var rest = JSONBuilder(capacity: 256, continuing: JSONWriter.insideResult)
            rest.field("title", check.title)
            rest.field("practice", check.practice.rawValue)
            self.head = head + rest.output
            var tail = JSONBuilder(capacity: 512, continuing: JSONWriter.insideResult)
            tail.field("references", check.references)
            tail.field("remediation", check.remediation)
            referencesAndRemediation = tail.output
        }
    }

    /// One result object, laid out as the pretty printer lays out an item of `results`. Written by
    /// hand from ready-made keys and indents: this runs for every result of a report.
    private static func write(_ result: CheckResult, shared: SharedFields, to out: inout [UInt8]) {
        out.append(contentsOf: shared.head)
        out.append(static: Layout.severity)
        out.appendJSONQuoted(result.severity.rawValue)
        out.append(static: Layout.status)
        out.appendJSONQuoted(result.status.rawValue)
        out.append(static: Layout.message)
        out.appendJSONQuoted(result.message)
        out.append(static: Layout.kind)
        out.appendJSONQuoted(result.resource.kind)
        out.append(static: Layout.namespace)
        out.appendJSONQuoted(result.resource.namespace)
        out.append(static: Layout.name)
        out.appendJSONQuoted(result.resource.name)
        out.append(static: Layout.container)
        out.appendJSONQuoted(result.resource.container)
        out.append(static: Layout.arn)
        out.appendJSONQuoted(result.resource.arn)
        out.append(static: Layout.file)
        out.appendJSONQuoted(result.resource.file)
        out.append(static: Layout.line)
        appendInt(result.resource.line, to: &out)
        out.append(static: Layout.column)
        appendInt(result.resource.column, to: &out)
        if let field = result.resource.field {
            out.append(static: Layout.field)
            out.appendJSONQuoted(field)
        }
        out.append(static: Layout.resourceEnd)
        if result.extraReferences.isEmpty {
            out.append(contentsOf: shared.referencesAndRemediation)
        } else {
            out.append(static: Layout.references)
            let references = result.references
            for (index, reference) in references.enumerated() {
                out.append(static: index == 0 ? Layout.firstReference : Layout.nextReference)
                out.appendJSONQuoted(reference)
            }
            out.append(static: references.isEmpty ? Layout.emptyArrayEnd : Layout.referencesEnd)
            out.append(static: Layout.remediation)
            out.appendJSONQuoted(result.check.remediation)
        }
        if let waiver = result.waiver {
            out.append(static: Layout.waiverReason)
            out.appendJSONQuoted(waiver.reason)
            out.append(static: Layout.waiverOwner)
            out.appendJSONQuoted(waiver.owner)
            out.append(static: Layout.waiverExpires)
            out.appendJSONQuoted(waiver.expires)
            out.append(static: Layout.waiverExpired)
            out.append(contentsOf: Array((waiver.expired ? "true" : "false").utf8))
            out.append(static: Layout.waiverEnd)
        }
        out.append(static: Layout.resultEnd)
    }

    private static func appendInt(_ value: Int?, to out: inout [UInt8]) {
        // `String(Int)` of a line number is a small string: no allocation.
        if let value { out.append(contentsOf: String(value).utf8) } else { out.append(contentsOf: JSONLiteral.null) }
    }

    /// The fixed text between a result's values: keys with their indent, as `JSONBuilder` would
    /// write them at this depth (results are items of an array inside the top-level object). Static
    /// strings, not arrays: both threads append them for every result, and an array would have its
    /// reference count fought over each time.
    private enum Layout {
        static let firstItem: StaticString = "\n    "
        static let nextItem: StaticString = ",\n    "
        static let checkID: StaticString = "{\n      \"checkID\": "
        static let severity: StaticString = ",\n      \"severity\": "
        static let status: StaticString = ",\n      \"status\": "
        static let message: StaticString = ",\n      \"message\": "
        static let kind: StaticString = ",\n      \"resource\": {\n        \"kind\": "
        static let namespace: StaticString = ",\n        \"namespace\": "
        static let name: StaticString = ",\n        \"name\": "
        static let container: StaticString = ",\n        \"container\": "
        static let arn: StaticString = ",\n        \"arn\": "
        static let file: StaticString = ",\n        \"file\": "
        static let line: StaticString = ",\n        \"line\": "
        static let column: StaticString = ",\n        \"column\": "
        static let field: StaticString = ",\n        \"field\": "
        static let resourceEnd: StaticString = "\n      }"
        static let references: StaticString = ",\n      \"references\": ["
        static let firstReference: StaticString = "\n        "
        static let nextReference: StaticString = ",\n        "
        static let referencesEnd: StaticString = "\n      ]"
        static let emptyArrayEnd: StaticString = "]"
        static let remediation: StaticString = ",\n      \"remediation\": "
        static let waiverReason: StaticString = ",\n      \"waiver\": {\n        \"reason\": "
        static let waiverOwner: StaticString = ",\n        \"owner\": "
        static let waiverExpires: StaticString = ",\n        \"expires\": "
        static let waiverExpired: StaticString = ",\n        \"expired\": "
        static let waiverEnd: StaticString = "\n      }"
        static let resultEnd: StaticString = "\n    }"

    }
}
