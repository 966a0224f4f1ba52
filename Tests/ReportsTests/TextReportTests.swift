import EKSGuardCore
import Foundation
import Reports
import Testing

@Suite struct TextReportTests {
    @Test func defaultHidesPassesAndShowsEverythingElse() {
        let text = ReportFormat.text.render(Fixture.report)
        #expect(text.hasPrefix("Settings: pss-level=restricted, pss-version=latest\n"))
        #expect(text.contains("Practice 10: Pod and runtime security\n"))
        #expect(text.contains("  FAIL    critical  EKS-POD-007  Deployment/prod/web/app  k8s/web.yaml:12:9  container \"app\""))
        #expect(text.contains("ERROR   high      EKS-NET-001  Cluster/prod  could not read"))
        #expect(text.contains("WAIVED  critical"))
        #expect(text.contains("N/A     medium"))
        #expect(!text.contains("PASS"))
        #expect(text.hasSuffix("1 passed, 3 failed, 1 errors, 1 not applicable, 1 waived\n"))
        // Remediation once per failing check, not once per failing resource.
        #expect(text.components(separatedBy: "Remove privileged: true").count == 2)
    }

    @Test func verboseShowsPasses() {
        let text = TextVariants.verbose
        #expect(text.contains("PASS    critical  EKS-POD-007  Deployment/prod/api  no container is privileged"))
    }

    @Test func quietShowsOnlyFailuresErrorsAndSummary() {
        let lines = TextVariants.quiet.split(separator: "\n")
        let statuses = lines.dropLast().filter { !$0.hasPrefix(" ") }.map { $0.prefix { $0 != " " } }
        #expect(statuses == ["ERROR", "FAIL", "FAIL", "FAIL"])
        #expect(lines.last == "1 passed, 3 failed, 1 errors, 1 not applicable, 1 waived")
        #expect(!TextVariants.quiet.contains("Practice"))
    }

    @Test func colorOnlyWhenAsked() {
        let plain = ReportFormat.text.render(Fixture.report, options: RenderOptions(verbose: true))
        #expect(!plain.unicodeScalars.contains("\u{1B}"), "no escape sequences, not even the message's own")
        #expect(plain.contains("\\u{1B}[31m"), "the message's ESC is shown, inert")
        #expect(TextVariants.color.contains("\u{1B}[1;31mFAIL\u{1B}[0m"))
    }

    @Test func colorRule() {
        #expect(RenderOptions.colorAllowed(isTerminal: true, noColorFlag: false, environment: [:]))
        #expect(RenderOptions.colorAllowed(isTerminal: true, noColorFlag: false, environment: ["NO_COLOR": ""]))
        #expect(!RenderOptions.colorAllowed(isTerminal: true, noColorFlag: false, environment: ["NO_COLOR": "1"]))
        #expect(!RenderOptions.colorAllowed(isTerminal: false, noColorFlag: false, environment: [:]))
        #expect(!RenderOptions.colorAllowed(isTerminal: true, noColorFlag: true, environment: [:]))
    }
}
