import EKSGuardCore
import Foundation
import Reports
import Testing

@Suite struct JSONReportTests {
    let text = ReportFormat.json.render(Fixture.report)

    private func parse(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func hasTheDocumentedShape() throws {
        let root = try parse(text)
        #expect(root["schemaVersion"] as? Int == 1)
        let tool = try #require(root["tool"] as? [String: Any])
        #expect(tool["name"] as? String == "eksguard")
        #expect(tool["version"] as? String == "0.1.0")
        let settings = try #require(root["settings"] as? [String: String])
        #expect(settings == ["pss-level": "restricted", "pss-version": "latest"])

        let results = try #require(root["results"] as? [[String: Any]])
        #expect(results.count == Fixture.results.count)
        let keys: Set = ["checkID", "title", "practice", "severity", "status", "message", "resource", "references", "remediation"]
        for result in results {
            #expect(keys.isSubset(of: result.keys))
            #expect(Set(result.keys).subtracting(keys).isSubset(of: ["waiver"]))
            let resource = try #require(result["resource"] as? [String: Any])
            let resourceKeys: Set = ["kind", "namespace", "name", "container", "arn", "file", "line", "column"]
            #expect(resourceKeys.isSubset(of: resource.keys), "missing keys must be explicit nulls")
        }

        let privileged = results[3]
        #expect(privileged["checkID"] as? String == "EKS-POD-007")
        #expect(privileged["practice"] as? Int == 10)
        #expect(privileged["severity"] as? String == "critical")
        #expect(privileged["status"] as? String == "fail")
        #expect(privileged["message"] as? String == Fixture.trickyMessage)
        #expect(privileged["references"] as? [String] == Fixture.privileged.references)
        let resource = try #require(privileged["resource"] as? [String: Any])
        #expect(resource["line"] as? Int == 12)
        #expect(resource["column"] as? Int == 9)
        #expect(resource["arn"] is NSNull)
        #expect(resource["field"] as? String == Fixture.deployment.field)

        let waiver = try #require(results[4]["waiver"] as? [String: Any])
        #expect(waiver["owner"] as? String == "platform-team")
        #expect(waiver["expired"] as? Bool == false)

        let summary = try #require(root["summary"] as? [String: Int])
        #expect(summary == ["pass": 1, "fail": 3, "error": 1, "notApplicable": 1, "waived": 1])
    }

    /// JSONSerialization forgets key order, so the order of CLI.md is checked on the text.
    @Test func keysComeInTheDocumentedOrder() {
        #expect(keys(atIndent: 2) == ["schemaVersion", "tool", "settings", "results", "summary"])
        let resultKeys = keys(atIndent: 6).prefix(10)
        #expect(Array(resultKeys) == [
            "checkID", "title", "practice", "severity", "status", "message", "resource", "references",
            "remediation", "checkID",
        ])
        let resourceKeys = keys(atIndent: 8).prefix(8)
        #expect(Array(resourceKeys) == ["kind", "namespace", "name", "container", "arn", "file", "line", "column"])
    }

    private func keys(atIndent indent: Int) -> [String] {
        let prefix = String(repeating: " ", count: indent) + "\""
        return text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix(prefix), line.dropFirst(indent).first == "\"" else { return nil }
            return line.dropFirst(indent + 1).split(separator: "\"").first.map(String.init)
        }
    }

    /// Every ASCII character, lone combining marks, emoji and the line separators survive a round trip.
    @Test func escapesEveryCharacter() throws {
        let everything = String(String.UnicodeScalarView((0...0x7F).compactMap(Unicode.Scalar.init)))
            + "é\u{301}\u{2028}\u{2029}\u{FEFF}🚀👩‍👩‍👧"
        var result = Fixture.results[0]
        result.message = everything
        result.resource.name = everything
        let report = Report(command: "test", settings: [(everything, everything)], results: [result], checks: [])
        let root = try parse(ReportFormat.json.render(report))
        let parsed = try #require((root["results"] as? [[String: Any]])?.first)
        #expect(parsed["message"] as? String == everything)
        #expect((parsed["resource"] as? [String: Any])?["name"] as? String == everything)
        #expect((root["settings"] as? [String: String])?[everything] == everything)
    }

    @Test func emptyReportIsValid() throws {
        let report = Report(command: "test", results: [], checks: [])
        let text = ReportFormat.json.render(report)
        let root = try parse(text)
        #expect((root["results"] as? [Any])?.isEmpty == true)
        #expect(text.contains("\"settings\": {}"))
        #expect(text.contains("\"results\": []"))
    }
}
