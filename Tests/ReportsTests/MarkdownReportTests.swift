import EKSGuardCore
import Foundation
import Reports
import Testing

@Suite struct MarkdownReportTests {
    let text = ReportFormat.markdown.render(Fixture.report)

    @Test func tablesKeepTheirShape() {
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Status") }
        let findingRows = rows.filter { $0.hasPrefix("| FAIL") || $0.hasPrefix("| ERROR") || $0.hasPrefix("| WAIVED") || $0.hasPrefix("| N/A") }
        #expect(findingRows.count == 6)
        for row in findingRows {
            // Seven unescaped pipes make six cells, whatever the message holds.
            let unescaped = row.indices.filter { row[$0] == "|" && (($0 == row.startIndex) || row[row.index(before: $0)] != "\\") }
            #expect(unescaped.count == 7, "\(row)")
        }
        #expect(text.contains("\\<\\& 'quoted' \\> \\| pipe \\\\ backslash"))
        #expect(text.contains("<br>"))
    }

    @Test func remediationOncePerFailingCheck() {
        #expect(text.components(separatedBy: "- **EKS-POD-007**").count == 2)
        #expect(text.contains("### Remediation"))
        #expect(text.contains("Remove privileged: true"))
    }
}
