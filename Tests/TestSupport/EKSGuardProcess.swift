import Foundation

/// The `eksguard` binary that `swift build` puts next to the test bundle, run as a user runs it: for the
/// end-to-end tests of several test targets (exit status, standard output and error).
package enum EKSGuardProcess {
    package struct Run: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    package struct NotBuilt: Error, CustomStringConvertible {
        package var path: String
        package var description: String { "\(path) is missing: build eksguard first (swift build)" }
    }

    /// `environment` nil inherits the test process's environment; `directory` nil its working folder.
    package static func run(_ arguments: [String], environment: [String: String]? = nil, directory: URL? = nil) throws -> Run {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("eksguard")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw NotBuilt(path: binary.path) }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Standard error is drained on another thread so that neither pipe can fill up and stall the child.
        let errors = Drain(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: errors.wait(), as: UTF8.self))
    }

    private final class Drain: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            DispatchQueue.global().async { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
