import Foundation
@testable import ImageScan
import Testing

/// The CVSS scorers against tables written by generate_cvss_tables.py from an independent implementation
/// (the `cvss` package from PyPI), plus the specification's rules the tables cannot show.
struct CVSSTests {
    struct Row: CustomStringConvertible {
        var vector: String
        /// nil when the reference refuses the vector.
        var score: Double?
        var severity: String
        var line: Int
        var description: String { "line \(line): \(vector) expected \(score.map { "\($0)" } ?? "invalid") \(severity)" }
    }

    static func table(_ name: String) throws -> [Row] {
        let url = try #require(Bundle.module.url(forResource: "Data/\(name)", withExtension: "tsv"))
        var rows: [Row] = []
        for (index, line) in try String(contentsOf: url, encoding: .utf8).split(separator: "\n").enumerated() where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == 3, "\(name).tsv line \(index + 1) is not VECTOR, SCORE, SEVERITY")
            var score: Double?
            if fields[1] != "invalid" { score = try #require(Double(fields[1]), "\(name).tsv line \(index + 1)") }
            rows.append(Row(vector: fields[0], score: score, severity: fields[2], line: index + 1))
        }
        return rows
    }

    typealias Scorer = @Sendable (String) throws(CVSSError) -> CVSSScore

    /// Vectors the reference accepts but the v4.0 specification does not: none are generated (see the
    /// generator), so every row must agree, valid or not.
    @Test(arguments: [
        ("cvss2-scores", 729 + 500, { (vector: String) throws(CVSSError) in try CVSS2.score(vector) } as Scorer),
        ("cvss3-scores", 2 * 2592 + 900, { (vector: String) throws(CVSSError) in try CVSS3.score(vector) } as Scorer),
        ("cvss4-scores", 270 * 8 + 1000, { (vector: String) throws(CVSSError) in try CVSS4.score(vector) } as Scorer),
    ])
    func agreesWithTheReferenceTable(name: String, minimumRows: Int, scorer: Scorer) throws {
        let rows = try Self.table(name)
        #expect(rows.count >= minimumRows)
        #expect(rows.contains { $0.score == nil } && rows.contains { $0.score != nil })
        var disagreements: [String] = []
        for row in rows {
            let result = try? scorer(row.vector)
            let severity = result.map { $0.severity == .none ? "none" : $0.severity.rawValue } ?? "-"
            if result?.score != row.score || severity != row.severity {
                disagreements.append("\(row) got \(result.map { "\($0.score) \(severity)" } ?? "invalid")")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) of \(rows.count) disagree: \(disagreements.prefix(20))")
    }

    @Test(arguments: [
        // Scores as FIRST's calculator and the reference package give them.
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", 6.9),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10),
        ("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0),
        // Threat: E:X scores as Attacked; E:U lowers the score.
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X", 9.3),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", 8.1),
        // Environmental: a modified metric replaces its base metric; MSI:S is the Safety level above High.
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MAV:P", 7.0),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S", 10),
        // Supplemental metrics never change the score.
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/R:I/V:C/RE:H/U:Red", 9.3),
    ])
    func cvss4KnownScores(vector: String, score: Double) throws {
        #expect(try CVSS4.score(vector).score == score)
    }

    @Test(arguments: [
        ("CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "metric AV is out of the specification's order"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/SC:N/VI:H/SI:N/VA:H/SA:N", "metric VI is out of the specification's order"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MAV:N/E:A", "metric E is out of the specification's order"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", "base metric SA missing"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/SA:N", "metric SA appears twice"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/XX:Y", "unknown metric XX"),
        ("CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "metric AV has no value \"X\""),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:S/SI:N/SA:N", "metric SC has no value \"S\""),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/", "field \"\" is not METRIC:VALUE"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA", "field \"SA\" is not METRIC:VALUE"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "does not start with CVSS:4.0/"),
    ])
    func cvss4MalformedVectorsSayWhy(vector: String, reason: String) {
        #expect(throws: CVSSError(vector[...], reason)) { try CVSS4.score(vector) }
    }

    @Test func hostileVectorsAreRefusedQuickly() {
        let long = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" + String(repeating: "/S:X", count: 100_000)
        for vector in [long, "", "CVSS:4.0/", "CVSS:4.0//", String(repeating: ":", count: 300), "AV:N/AC:L/Au:N/C:P/I:P/A:P/" + String(repeating: "E:", count: 90)] {
            #expect(throws: CVSSError.self) { try CVSS4.score(vector) }
            #expect(throws: CVSSError.self) { try CVSS3.score(vector) }
            #expect(throws: CVSSError.self) { try CVSS2.score(vector) }
        }
        #expect((try? CVSS4.score(long)) == nil)
        let error = #expect(throws: CVSSError.self) { try CVSS4.score(long) }
        #expect(error?.description.count ?? .max < 250)
    }

    @Test func cvss3AndCVSS2AcceptAnyOrderAsTheirSpecificationsSay() throws {
        #expect(try CVSS3.score("CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N").score == 9.8)
        #expect(try CVSS2.score("Au:N/AV:N/AC:L/C:P/I:P/A:P").score == 7.5)
        #expect(throws: CVSSError.self) { try CVSS3.score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:N") }
        #expect(throws: CVSSError.self) { try CVSS2.score("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P") }
    }

    /// The specification's search for a most severe vector above the scored one always succeeds; checked
    /// for every combination of effective values, class by class (the classes share no metric).
    @Test func everyVectorHasAMostSevereVectorAboveIt() {
        var misses: [String] = []
        for av in 0...3 { for pr in 0...2 { for ui in 0...2 {
            let eq1 = CVSS4.Levels.eq1(av: av, pr: pr, ui: ui)
            if CVSS4.Levels.distance([av, pr, ui], CVSS4Tables.eq1Maxima[eq1]) == nil { misses.append("EQ1 \([av, pr, ui])") }
        } } }
        for ac in 0...1 { for at in 0...1 {
            if CVSS4.Levels.distance([ac, at], CVSS4Tables.eq2Maxima[ac == 0 && at == 0 ? 0 : 1]) == nil { misses.append("EQ2") }
        } }
        let impacts = (0..<729).map { [$0 % 3, $0 / 3 % 3, $0 / 9 % 3, $0 / 27 % 3, $0 / 81 % 3, $0 / 243 % 3] }
        for levels in impacts {
            let (eq3, eq6) = CVSS4.Levels.eq3eq6(vc: levels[0], vi: levels[1], va: levels[2], cr: levels[3], ir: levels[4], ar: levels[5])
            if CVSS4.Levels.distance(levels, CVSS4Tables.eq3eq6Maxima[eq3][eq6]) == nil { misses.append("EQ3/EQ6 \(levels)") }
        }
        for sc in 1...3 { for si in 0...3 { for sa in 0...3 {
            let eq4 = CVSS4.Levels.eq4(sc: sc, si: si, sa: sa)
            if CVSS4.Levels.distance([sc, si, sa], CVSS4Tables.eq4Maxima[eq4]) == nil { misses.append("EQ4 \([sc, si, sa])") }
        } } }
        #expect(misses.isEmpty, "\(misses)")
    }

    @Test func severityBandsPerVersion() {
        #expect(CVSSVersion.v4_0.severity(0) == VulnerabilitySeverity.none)
        #expect(CVSSVersion.v4_0.severity(0.1) == .low)
        #expect(CVSSVersion.v3_1.severity(3.9) == .low)
        #expect(CVSSVersion.v3_0.severity(4.0) == .medium)
        #expect(CVSSVersion.v4_0.severity(6.9) == .medium)
        #expect(CVSSVersion.v4_0.severity(7.0) == .high)
        #expect(CVSSVersion.v3_1.severity(8.9) == .high)
        #expect(CVSSVersion.v4_0.severity(9.0) == .critical)
        #expect(CVSSVersion.v2.severity(0) == .low)
        #expect(CVSSVersion.v2.severity(3.9) == .low)
        #expect(CVSSVersion.v2.severity(4.0) == .medium)
        #expect(CVSSVersion.v2.severity(7.0) == .high)
        #expect(CVSSVersion.v2.severity(10) == .high)
    }
}
