import ArgumentParser
import EKSGuardCore
import Foundation

/// The `eksguard` command tree. The process entry point maps every outcome to the exit codes
/// of CLI.md: usage errors are 2 (ArgumentParser's default would be 64).
@main
struct EKSGuardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eksguard",
        abstract: "Check an Amazon EKS cluster and its workloads against ten security practices.",
        discussion: """
            Exit codes: 0 clean; 1 a check failed at or above --fail-on; 2 usage error or no input \
            could be read; 3 some checks could not be evaluated.
            """,
        version: EKSGuard.version,
        subcommands: [
            AuditCommand.self, ScanCommand.self, CollectCommand.self, PolicyCommand.self, WebhookCommand.self, DBCommand.self,
            VersionCommand.self, ChecksCommand.self, ExplainCommand.self,
        ]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exitCleanly(for: error)
        }
    }

    private static func exitCleanly(for error: any Error) -> Never {
        if let code = error as? ExitCode { Foundation.exit(code.rawValue) }
        if let usage = error as? UsageError {
            FileHandle.standardError.write(Data("eksguard: \(usage.message)\n".utf8))
            Foundation.exit(ExitStatus.usage.rawValue)
        }
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success {
            print(message)
            Foundation.exit(0)
        }
        if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
        // Parse and validation errors, and any error our commands throw, are usage errors (2).
        Foundation.exit(ExitStatus.usage.rawValue)
    }
}

/// An error that makes the run impossible (bad configuration, unreadable path): exit code 2.
struct UsageError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
