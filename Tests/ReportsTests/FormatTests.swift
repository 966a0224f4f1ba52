import EKSGuardCore
import Foundation
@testable import Reports
import Testing

@Suite struct FormatTests {
    /// Each `*Writer.swift` in Sources/Reports, and each file that declares a writer, must be the
    /// writer of some `ReportFormat`: a writer nobody can select is dead code or a forgotten case.
    @Test func everyWriterFileIsReachable() throws {
        let sources = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Reports")
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        var writerFiles = Set(files.filter { $0.hasSuffix("Writer.swift") })
        for file in files {
            let source = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            if source.contains(": ReportWriter") { writerFiles.insert(file) }
        }
        let reachable = Set(ReportFormat.allCases.map { "\(String(describing: $0.writer)).swift" })
        #expect(!writerFiles.isEmpty)
        #expect(writerFiles == reachable)
        #expect(Set(ReportFormat.allCases.map(\.fileExtension)).count == ReportFormat.allCases.count)
    }

    @Test(arguments: ReportFormat.allCases)
    func deterministicAndInInputOrder(_ format: ReportFormat) {
        let once = format.render(Fixture.report)
        #expect(once == format.render(Fixture.report))
        #expect(once.hasSuffix("\n"))
        // Writers keep the engine's order: reversing the input reverses it in the flat formats.
        if format == .json {
            var reversed = Fixture.report
            reversed.results.reverse()
            let output = format.render(reversed)
            let first = output.range(of: "DOCKER-DL3007")!.lowerBound
            let last = output.range(of: "EKS-NET-001")!.lowerBound
            #expect(first < last)
        }
    }

    @Test(arguments: ReportFormat.allCases)
    func emptyReport(_ format: ReportFormat) {
        let output = format.render(Report(command: "test", results: [], checks: []))
        #expect(output.hasSuffix("\n"))
        switch format {
        case .text, .html: #expect(output.contains("0 passed, 0 failed, 0 errors, 0 not applicable, 0 waived"))
        case .markdown: #expect(output.contains("| Passed | 0 |"))
        case .json, .sarif: #expect(output.contains("\"results\": []"))
        case .junit: #expect(output.contains("tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\""))
        case .hadolintJSON: #expect(output == "[]\n")
        }
    }

    /// A large cluster can produce hundreds of thousands of results; the JSON writer must stay linear.
    /// 40,000 keeps this quick in debug builds (300,000 render in about a second in release).
    @Test func largeReport() throws {
        let count = 40_000
        let template = Fixture.results[3]
        let results = (0..<count).map { index -> CheckResult in
            var result = template
            result.resource.name = "web-\(index)"
            return result
        }
        let report = Report(command: "test", results: results, checks: [Fixture.privileged])
        // Timing belongs in bench/; here only that every result is written, in order.
        let output = ReportFormat.json.render(report)
        #expect(output.utf8.count > count * 500)
        #expect(output.range(of: "\"web-0\"")!.lowerBound < output.range(of: "\"web-\(count - 1)\"")!.lowerBound)
    }
}

@Suite struct HadolintJSONTests {
    @Test func usesHadolintCodesAndLevels() throws {
        let result = CheckResult(
            checkID: "EKS-DKR-DL3007", title: "t", practice: .dockerfileLint, severity: .medium, status: .fail,
            message: "Using latest is prone to errors", resource: ResourceRef(file: "Dockerfile", line: 3, column: 1),
            references: ["hadolint:DL3007"], remediation: "r")
        let output = ReportFormat.hadolintJSON.render(Report(command: "scan dockerfile", results: [result], checks: []))
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows[0]["code"] as? String == "DL3007" && rows[0]["level"] as? String == "warning")
        #expect(rows[0]["line"] as? Int == 3 && rows[0]["file"] as? String == "Dockerfile")
    }
}
