import ClusterSnapshot
import Foundation

/// A profile's `credential_process`: a command that prints credentials as JSON (Version 1).
/// It runs through /bin/sh so quoting works as in the config file; its standard error passes
/// through, its output is read up to 1 MiB and never echoed.
struct CredentialProcess {
    var command: String
    var profile: String
    var timeout: TimeInterval = 60

    func run() async throws(AWSError) -> AWSCredentials {
        let source = "credential_process of profile \(profile)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw AWSError(kind: .credentials, code: "CredentialProcessFailed", message: "\(source) did not start: \(error)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        let reader = Task.detached { output.fileHandleForReading.readDataToEndOfFile() }
        while process.isRunning {
            if Date() > deadline {
                kill(process.processIdentifier, SIGKILL)
                throw AWSError(kind: .credentials, code: "CredentialProcessFailed", message: "\(source) ran over \(Int(timeout))s")
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        let data = await reader.value
        guard process.terminationStatus == 0 else {
            throw AWSError(kind: .credentials, code: "CredentialProcessFailed", message: "\(source) exited with status \(process.terminationStatus)")
        }
        guard data.count <= 1 << 20 else {
            throw AWSError(kind: .credentials, code: "CredentialProcessFailed", message: "\(source) printed over 1 MiB")
        }
        var credentials = try CredentialChain.credentials(fromJSON: data, tokenKey: "SessionToken", source: source)
        guard JSONValue.parse(data)?["Version"]?.number == 1 else {
            throw AWSError(kind: .credentials, code: "CredentialProcessFailed", message: "\(source) must print Version 1")
        }
        credentials.source = source
        return credentials
    }
}
