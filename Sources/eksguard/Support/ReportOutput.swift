import EKSGuardCore
import Foundation
import Reports

/// Renders a report where `--output` says, and turns the results into the process exit status.
enum ReportOutput {
    static func emit(_ report: Report, options: ScanOptions) throws -> ExitStatus {
        let toTerminal = options.output == nil && isatty(STDOUT_FILENO) == 1
        let text = options.format.render(report, options: options.renderOptions(toTerminal: toTerminal))
        if let path = options.output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            } catch {
                throw UsageError("cannot write the report to \(path): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        return ExitStatus(results: report.results, failOn: options.threshold)
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("eksguard: warning: \(message)\n".utf8))
    }
}
