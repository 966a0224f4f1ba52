import EKSGuardCore
import Foundation
import Reports

/// Renders a report where `--output` says, and turns the results into the process exit status.
enum ReportOutput {
    /// `rendered` replaces the format's writer (the kube-bench layout of `scan node`'s text).
    static func emit(_ report: Report, options: ScanOptions, failOn: FailThreshold? = nil, rendered: String? = nil) throws -> ExitStatus {
        guard case let .report(format) = options.format else {
            throw UsageError("--format \(options.format) is an SBOM of an image's packages: only `eksguard scan image` writes one")
        }
        let toTerminal = options.output == nil && isatty(STDOUT_FILENO) == 1
        let pieces = rendered.map { [Array($0.utf8)] }
            ?? format.renderPieces(report, options: options.renderOptions(toTerminal: toTerminal))
        if let path = options.output {
            guard let handle = FileHandle(forWritingAtPath: path) ?? create(path) else {
                throw UsageError("cannot write the report to \(path)")
            }
            defer { try? handle.close() }
            try? handle.truncate(atOffset: 0)
            try write(pieces, to: handle, name: path)
        } else {
            try write(pieces, to: .standardOutput, name: "standard output")
        }
        return ExitStatus(results: report.results, failOn: failOn ?? options.threshold())
    }

    private static func create(_ path: String) -> FileHandle? {
        FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil
    }

    /// Writes the report's bytes in place (reports can be hundreds of MB; no extra copy).
    private static func write(_ pieces: [[UInt8]], to handle: FileHandle, name: String) throws {
        for piece in pieces {
            try piece.withUnsafeBufferPointer { buffer in
                do {
                    try handle.write(contentsOf: UnsafeRawBufferPointer(buffer))
                } catch {
                    throw UsageError("cannot write the report to \(name): \(error.localizedDescription)")
                }
            }
        }
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("eksguard: warning: \(message)\n".utf8))
    }
}
