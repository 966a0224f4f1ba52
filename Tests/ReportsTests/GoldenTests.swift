import EKSGuardCore
import Reports
import Testing

/// Every format against a reviewed file: any change to the output shows up as a diff.
@Suite struct GoldenTests {
    @Test(arguments: ReportFormat.allCases)
    func format(_ format: ReportFormat) throws {
        let output = format.render(Fixture.report, options: RenderOptions())
        try assertGolden(output, named: "report.\(format.fileExtension)")
    }

    /// An audit opens with the scoreboard in the human formats and adds `scoreboard` to JSON.
    @Test(arguments: [ReportFormat.text, .markdown, .json, .html])
    func audit(_ format: ReportFormat) throws {
        let output = format.render(AuditFixture.report, options: RenderOptions())
        try assertGolden(output, named: "audit.\(format.fileExtension)")
    }

    @Test func textVerbose() throws {
        try assertGolden(TextVariants.verbose, named: "report.verbose.txt")
    }

    @Test func textQuiet() throws {
        try assertGolden(TextVariants.quiet, named: "report.quiet.txt")
    }

    @Test func textColor() throws {
        try assertGolden(TextVariants.color, named: "report.color.txt")
    }
}

enum TextVariants {
    static var verbose: String { ReportFormat.text.render(Fixture.report, options: RenderOptions(verbose: true)) }
    static var quiet: String { ReportFormat.text.render(Fixture.report, options: RenderOptions(quiet: true)) }
    static var color: String { ReportFormat.text.render(Fixture.report, options: RenderOptions(color: true)) }
}
