import Foundation
import Testing

/// Compares `actual` with `Golden/<name>` from the test bundle. With `AUDIT_RECORD_GOLDEN=1` it
/// writes the file into the source tree instead (`#filePath` finds it), so a deliberate format
/// change is one re-run plus a reviewable diff.
func assertGolden(
    _ actual: String, named name: String,
    filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    if ProcessInfo.processInfo.environment["AUDIT_RECORD_GOLDEN"] == "1" {
        let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: folder.appendingPathComponent(name))
        return
    }
    let folder = try #require(
        Bundle.module.url(forResource: "Golden", withExtension: nil), "Golden folder missing from the test bundle",
        sourceLocation: sourceLocation)
    let url = folder.appendingPathComponent(name)
    guard let data = FileManager.default.contents(atPath: url.path) else {
        Issue.record("no golden file \(name); run with AUDIT_RECORD_GOLDEN=1 to create it", sourceLocation: sourceLocation)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    guard actual != expected else { return }
    // Point at the first differing line rather than dumping two whole documents.
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let line = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(actualLines.count, expectedLines.count)
    let got = line < actualLines.count ? String(actualLines[line]) : "<end of output>"
    let want = line < expectedLines.count ? String(expectedLines[line]) : "<end of file>"
    Issue.record(
        """
        \(name) differs at line \(line + 1) (re-record with AUDIT_RECORD_GOLDEN=1 if intended)
          expected: \(want.debugDescription)
          actual:   \(got.debugDescription)
        """,
        sourceLocation: sourceLocation)
}
