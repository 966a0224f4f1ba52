import ArgumentParser
import EKSGuardCore
import Foundation
import ImageScan

struct VersionCompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Order package versions the way dpkg, apk or rpm does.",
        discussion: """
            Reads lines `A B` (two versions separated by blanks) on standard input and prints one of \
            `<`, `=` or `>` per line: how A compares to B under the chosen scheme. dpkg follows \
            `dpkg --compare-versions` (epochs, `~` before everything, letters before punctuation), \
            apk follows apk-tools 3 (`_alpha`…`_rc` before the release, `_p` after it, `-rN` \
            revisions), rpm follows rpm's own ordering (`~` and `^`, epoch:version-release). \
            Empty lines are skipped. A line that is not two versions, or a version dpkg would refuse, \
            prints `?` and an error on standard error, and the command exits with 2 at the end.
            """
    )

    @Option(help: "Version ordering: dpkg, apk or rpm.")
    var scheme: Scheme

    enum Scheme: String, ExpressibleByArgument, CaseIterable {
        case dpkg, apk, rpm
        var versionScheme: VersionScheme { VersionScheme(rawValue: rawValue)! }
    }

    func run() throws {
        var output = ""
        var failures = 0
        var lineNumber = 0
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.isEmpty { continue }
            guard fields.count == 2 else {
                failures += 1
                output += "?\n"
                ReportOutput.warn("line \(lineNumber): expected two versions, found \(fields.count) fields")
                continue
            }
            do {
                let order = try scheme.versionScheme.compare(String(fields[0]), String(fields[1]))
                output += order < 0 ? "<\n" : (order == 0 ? "=\n" : ">\n")
            } catch {
                failures += 1
                output += "?\n"
                ReportOutput.warn("line \(lineNumber): \(error)")
            }
            if output.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(output.utf8))
                output = ""
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        if failures > 0 { throw ExitCode(ExitStatus.usage.rawValue) }
    }
}
