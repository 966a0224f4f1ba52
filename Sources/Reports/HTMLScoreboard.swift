import EKSGuardCore

/// The audit's scoreboard in HTML: a bar chart of the scores as inline SVG (drawn here, so it shows
/// without JavaScript and prints), under each score bar a thin bar of the practice's checks by
/// status, then the same numbers as a table for screen readers and copying.
enum HTMLScoreboard {
    private static let labelWidth = 390
    private static let barWidth = 300
    private static let rowHeight = 34

    static func append(_ board: Scoreboard, to out: inout String) {
        out += "<section id=\"scoreboard\">\n<h2>Scoreboard</h2>\n"
        out += "<p>Overall score <strong>\(board.overall.scoreText)</strong>"
        if board.overall.score != nil { out += " / 100" }
        out += " · checks: \(summaryLine(board.overall.checks))</p>\n"
        appendChart(board, to: &out)
        appendTable(board, to: &out)
        out += "<p class=\"muted\">The score of a practice is the share of its evaluated checks (passed, failed or errored) "
        out += "that passed, each check weighted by its severity (critical 16, high 8, medium 4, low 2, info 1), "
        out += "rounded down. Not applicable and waived checks do not count; a practice without evaluated checks "
        out += "shows <em>no data</em> (no results) or <em>n/a</em>. A check fails when any of its results fails.</p>\n"
        out += "</section>\n"
    }

    private static func appendChart(_ board: Scoreboard, to out: inout String) {
        let height = board.rows.count * rowHeight + 8
        let width = labelWidth + barWidth + 70
        out += "<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 \(width) \(height)\""
        out += " width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        out += "<title id=\"chart-title\">Score per practice, 0 to 100</title>\n"
        for (index, row) in board.rows.enumerated() {
            let top = 4 + index * rowHeight
            let title = "\(row.practice.rawValue). \(row.practice.title)"
            out += "<g><title>\(HTMLWriter.escape(title)): \(row.scoreText); checks \(summaryLine(row.checks))</title>\n"
            out += "<text x=\"0\" y=\"\(top + 13)\">\(HTMLWriter.escape(title))</text>\n"
            out += "<rect class=\"track\" x=\"\(labelWidth)\" y=\"\(top + 2)\" width=\"\(barWidth)\" height=\"14\"/>\n"
            if let score = row.score {
                let grade = score >= 80 ? "good" : score >= 50 ? "fair" : "poor"
                out += "<rect class=\"\(grade)\" x=\"\(labelWidth)\" y=\"\(top + 2)\" width=\"\(score * barWidth / 100)\" height=\"14\"/>\n"
                out += "<text x=\"\(labelWidth + barWidth + 8)\" y=\"\(top + 14)\">\(score)</text>\n"
            } else {
                out += "<text class=\"nodata\" x=\"\(labelWidth + barWidth + 8)\" y=\"\(top + 14)\">\(row.scoreText)</text>\n"
            }
            appendCheckBar(row.checks, top: top + 19, to: &out)
            out += "</g>\n"
        }
        out += "</svg>\n"
    }

    /// Checks by status as one stacked bar as long as the score bar; nothing when there are none.
    private static func appendCheckBar(_ checks: Summary, top: Int, to out: inout String) {
        guard checks.total > 0 else { return }
        var x = labelWidth
        var counted = 0
        for status in [CheckStatus.pass, .fail, .error, .waived, .notApplicable] where checks.count(status) > 0 {
            counted += checks.count(status)
            // Cumulative rounding, so the segments always add up to the whole bar.
            let end = labelWidth + counted * barWidth / checks.total
            out += "<rect class=\"bar-\(status.rawValue)\" x=\"\(x)\" y=\"\(top)\" width=\"\(end - x)\" height=\"6\"/>\n"
            x = end
        }
    }

    private static let statuses: [CheckStatus] = [.pass, .fail, .error, .notApplicable, .waived]

    private static func appendTable(_ board: Scoreboard, to out: inout String) {
        let heads = "<th>passed</th><th>failed</th><th>errors</th><th>n/a</th><th>waived</th>"
        out += "<table>\n<thead><tr><th rowspan=\"2\">Practice</th><th rowspan=\"2\">Score</th>"
        out += "<th colspan=\"5\">Checks</th><th colspan=\"5\">Results</th></tr>\n<tr>\(heads)\(heads)</tr></thead>\n<tbody>\n"
        for row in board.rows {
            out += "<tr><td>\(row.practice.rawValue). \(HTMLWriter.escape(row.practice.title))</td>"
            out += "<td class=\"num\">\(row.scoreText)</td>\(cells(row.checks))\(cells(row.results))</tr>\n"
        }
        out += "<tr><th>Overall</th><td class=\"num\">\(board.overall.scoreText)</td>"
        out += "\(cells(board.overall.checks))\(cells(board.overall.results))</tr>\n</tbody>\n</table>\n"
    }

    private static func cells(_ summary: Summary) -> String {
        statuses.map { "<td class=\"num\">\(summary.count($0))</td>" }.joined()
    }
}
