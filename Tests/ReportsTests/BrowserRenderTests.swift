import EKSGuardCore
import Foundation
import Reports
import Testing

/// The HTML report in a real browser: headless Chromium (Debian's `chromium`, found through
/// `EKSGUARD_CHROMIUM`, which scripts/services/browser.sh exports) loads an audit report, runs its
/// script under its Content-Security-Policy, and renders it to a PNG. Any console message (a CSP
/// violation, an uncaught exception) fails the test.
@Suite(.serialized) struct BrowserRenderTests {
    @Test func auditReportRunsItsScriptWithoutConsoleMessages() throws {
        let page = try Page(ReportFormat.html.render(AuditFixture.report))
        let run = try page.chromium(["--enable-logging=stderr", "--v=0", "--dump-dom"])
        #expect(run.consoleLines.isEmpty, "console: \(run.consoleLines)")
        #expect(run.stdout.contains("data-filters=\"ready\""), "the script did not finish")
        #expect(!run.stdout.contains("data-script-error=\""))
        // The script showed the form and counted: passes are hidden at first.
        #expect(run.stdout.contains("<form id=\"filters\">"))
        #expect(run.stdout.contains("Showing 7 of 11 results"))
        // The hostile message stayed text: the only script element is the report's own.
        #expect(run.stdout.components(separatedBy: "<script").count == 2)
        #expect(run.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func auditReportRendersToAScreenshot() throws {
        let page = try Page(ReportFormat.html.render(AuditFixture.report))
        let png = page.folder.appendingPathComponent("report.png")
        let run = try page.chromium(["--window-size=1280,1600", "--screenshot=\(png.path)"])
        let data = try #require(FileManager.default.contents(atPath: png.path), "no screenshot; chromium said: \(run.stderr)")
        #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG")
        // IHDR: width and height as big-endian 32-bit integers at bytes 16 and 20.
        func uint32(at offset: Int) -> Int { data[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(uint32(at: 16) == 1280 && uint32(at: 20) == 1600)
        // A blank page of that size compresses to a few kilobytes; text, tables and the chart do not.
        #expect(data.count > 40_000, "screenshot of \(data.count) bytes looks empty")
    }

    /// 20,000 results load and filter in the browser without an error; the time is printed, not judged
    /// tightly (machines differ), but a page that takes most of a minute fails.
    @Test func twentyThousandResultsLoad() throws {
        let page = try Page(ReportFormat.html.render(AuditFixture.large(20_000)))
        let clock = ContinuousClock()
        var run: Page.Run?
        let elapsed = try clock.measure { run = try page.chromium(["--enable-logging=stderr", "--v=0", "--dump-dom"]) }
        let result = try #require(run)
        print("chromium loaded and filtered 20,000 results in \(elapsed)")
        #expect(result.consoleLines.isEmpty, "console: \(result.consoleLines.prefix(5))")
        #expect(result.stdout.contains("data-filters=\"ready\""))
        #expect(result.stdout.contains(" of 20000 results"))
        #expect(elapsed < .seconds(45))
    }
}

/// A report written to a scratch folder, and headless Chromium runs over it.
private struct Page {
    struct Run {
        var stdout: String
        var stderr: String
        /// What the page logged: Chromium prints console messages as `INFO:CONSOLE...` lines.
        var consoleLines: [Substring] {
            stderr.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
        }
    }

    let folder: URL
    let url: URL

    init(_ html: String) throws {
        // Under the test command's scratch folder when there is one, which it removes afterwards.
        let scratch = ProcessInfo.processInfo.environment["EKSGUARD_TEST_RUN"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory
        folder = scratch.appendingPathComponent("eksguard-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        url = folder.appendingPathComponent("report.html")
        try Data(html.utf8).write(to: url)
    }

    func chromium(_ arguments: [String]) throws -> Run {
        guard let binary = ProcessInfo.processInfo.environment["EKSGUARD_CHROMIUM"], !binary.isEmpty else {
            throw BrowserMissing()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--hide-scrollbars", "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
            "--virtual-time-budget=5000",
        ] + arguments + [url.absoluteString]
        let stdout = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
        let stderr = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
        for file in [stdout, stderr] where !FileManager.default.createFile(atPath: file.path, contents: nil) {
            Issue.record("cannot create \(file.path)")
        }
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        // A browser that hangs must not hang the suite.
        let deadline = Date().addingTimeInterval(90)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("chromium did not finish within 90 s")
        }
        return Run(stdout: String(decoding: FileManager.default.contents(atPath: stdout.path) ?? Data(), as: UTF8.self),
                   stderr: String(decoding: FileManager.default.contents(atPath: stderr.path) ?? Data(), as: UTF8.self))
    }

    struct BrowserMissing: Error, CustomStringConvertible {
        var description: String {
            "EKSGUARD_CHROMIUM is not set: run the tests through scripts/test.sh, which installs Debian's chromium "
                + "(scripts/services/browser.sh), or export EKSGUARD_CHROMIUM=/usr/bin/chromium"
        }
    }
}
