import EKSGuardCore
import Foundation
import Reports
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct JUnitReportTests {
    let text = ReportFormat.junit.render(Fixture.report)

    @Test func countsMatchTheSummary() {
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"eksguard\""))
        #expect(text.contains("<testsuites name=\"eksguard\" tests=\"7\" failures=\"3\" errors=\"1\" skipped=\"2\">"))
        #expect(occurrences(of: "<testcase ") == 7)
        #expect(occurrences(of: "<failure ") == 3)
        #expect(occurrences(of: "<error ") == 1)
        #expect(occurrences(of: "<skipped ") == 2)
        #expect(text.contains("<testsuite name=\"Practice 10: Pod and runtime security\" tests=\"4\" failures=\"2\""))
        // The control character XML 1.0 cannot carry is replaced, never emitted.
        #expect(!text.unicodeScalars.contains("\u{1B}"))
    }

    private func occurrences(of needle: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    #if canImport(FoundationXML) || os(macOS)
    @Test func parsesAsXML() throws {
        let document = try XMLDocument(xmlString: text, options: [])
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "7")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.count == 4)
        #expect(suites.map { $0.attribute(forName: "name")?.stringValue ?? "" } == [
            "Practice 4: Private worker subnets and restricted API endpoint", "Practice 6: Dockerfile linting",
            "Practice 7: Control-plane logging", "Practice 10: Pod and runtime security",
        ])
        let cases = suites.flatMap { $0.elements(forName: "testcase") }
        #expect(cases.count == 7)
        let privileged = try #require(cases.first {
            $0.attribute(forName: "name")?.stringValue == "Deployment/prod/web/app k8s/web.yaml:12:9"
        })
        #expect(privileged.attribute(forName: "classname")?.stringValue == "EKS-POD-007")
        let failure = try #require(privileged.elements(forName: "failure").first)
        #expect(failure.attribute(forName: "type")?.stringValue == "critical")
        // Newlines, quotes and <&> survive the attribute; only the control character is rewritten.
        let expected = Fixture.trickyMessage.replacingOccurrences(of: "\u{1B}", with: "\\u{1B}")
        #expect(failure.attribute(forName: "message")?.stringValue == expected)
        #expect(failure.stringValue?.contains("Remediation: Remove privileged: true") == true)
    }
    #endif
}
