import Foundation
import ImageScan
import Testing

/// The comparators against the committed reference tables (`A B R` per line). The dpkg, rpm and apk tables
/// come from the reference tools through generate_version_tables.py (apk: apk-tools 3's own comparator);
/// apk-edge is hand-written, each line checked against apk-tools 3 as well.
struct VersionTableTests {
    struct Row: CustomStringConvertible {
        var a, b, expected: String
        var line: Int
        var description: String { "line \(line): \(a) \(b) expected \(expected)" }
    }

    static func table(_ name: String) throws -> [Row] {
        let url = try #require(Bundle.module.url(forResource: "Data/\(name)", withExtension: "txt"))
        let text = try String(contentsOf: url, encoding: .utf8)
        var rows: [Row] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: " ").map(String.init)
            try #require(fields.count == 3, "\(name).txt line \(index + 1) is not `A B R`")
            rows.append(Row(a: fields[0], b: fields[1], expected: fields[2], line: index + 1))
        }
        return rows
    }

    static func symbol(_ order: Int) -> String { order < 0 ? "<" : (order == 0 ? "=" : ">") }
    static func reversed(_ symbol: String) -> String { symbol == "<" ? ">" : (symbol == ">" ? "<" : "=") }

    @Test(arguments: [(VersionScheme.dpkg, "dpkg", 10_000), (.rpm, "rpm", 10_000), (.apk, "apk", 25_000), (.apk, "apk-edge", 80)])
    func agreesWithTheReferenceTable(scheme: VersionScheme, table: String, minimumRows: Int) throws {
        let rows = try Self.table(table)
        #expect(rows.count >= minimumRows)
        var disagreements: [String] = []
        for row in rows {
            let forward = Self.symbol(try scheme.compare(row.a, row.b))
            let backward = Self.symbol(try scheme.compare(row.b, row.a))
            if forward != row.expected || backward != Self.reversed(row.expected) {
                disagreements.append("\(row) got \(forward) (reverse \(backward))")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) of \(rows.count) disagree: \(disagreements.prefix(20))")
    }
}
