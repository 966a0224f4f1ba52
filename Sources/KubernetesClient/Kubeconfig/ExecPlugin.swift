import Foundation
import KubernetesAudit

/// A kubeconfig `exec` credential plugin (client.authentication.k8s.io v1 or v1beta1), run
/// without a terminal: `interactiveMode: Always` is refused. Its standard error passes through to
/// the user, as with kubectl; its output (the credential) is read up to 1 MiB and never shown.
struct ExecPlugin: Sendable {
    static let apiVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]

    var apiVersion: String
    var command: String
    var arguments: [String]
    var environment: [String: String]
    var installHint: String?
    /// The `spec.cluster` object of KUBERNETES_EXEC_INFO, when the plugin asks for it.
    var clusterInfo: ClusterSettings?
    var user: String
    var timeout: Duration = .seconds(60)
    var maxOutputBytes = 1 << 20

    init(_ entry: KubeconfigFile.Entry, cluster: ClusterSettings) throws(KubernetesClientError) {
        let exec = KubeconfigFile.Entry(name: entry.name, body: entry.body["exec"], file: entry.file)
        if let problem = exec.body.typeError(expectingList: false) { throw exec.error(at: exec.body, problem) }
        user = entry.name
        guard let apiVersion = try exec.string("apiVersion"), Self.apiVersions.contains(apiVersion) else {
            throw exec.error(
                at: exec.body["apiVersion"],
                "exec.apiVersion of user \"\(entry.name)\" must be one of \(Self.apiVersions.joined(separator: ", "))")
        }
        self.apiVersion = apiVersion
        guard let command = try exec.string("command"), !command.isEmpty else {
            throw exec.error(at: exec.body, "exec of user \"\(entry.name)\" has no command")
        }
        // kubectl resolves a command with a slash against the kubeconfig's folder; bare names use PATH.
        self.command = command.contains("/") ? exec.resolve(command) : command
        switch exec.body["args"].stringList {
        case .absent: arguments = []
        case .value(let list): arguments = list.map(\.0)
        case .invalid(let problem): throw exec.error(at: exec.body["args"], problem)
        }
        environment = [:]
        if let problem = exec.body["env"].typeError(expectingList: true) { throw exec.error(at: exec.body["env"], problem) }
        for item in exec.body["env"].items {
            guard let name = try KubeconfigFile.Entry.string(item["name"], file: exec.file), !name.isEmpty else {
                throw exec.error(at: item, "\(item.path).name is missing")
            }
            environment[name] = try KubeconfigFile.Entry.string(item["value"], file: exec.file) ?? ""
        }
        installHint = try exec.string("installHint")
        let mode = try exec.string("interactiveMode")
        switch mode {
        case nil where apiVersion.hasSuffix("/v1"):
            throw exec.error(at: exec.body, "exec.interactiveMode of user \"\(entry.name)\" is required by \(apiVersion)")
        case nil, "Never", "IfAvailable":
            break
        case "Always":
            throw exec.error(
                at: exec.body["interactiveMode"], "exec plugin of user \"\(entry.name)\" needs a terminal (interactiveMode: Always); eksguard runs it non-interactively")
        default:
            throw exec.error(at: exec.body["interactiveMode"], "exec.interactiveMode must be Never, IfAvailable or Always")
        }
        if try exec.bool("provideClusterInfo") { clusterInfo = cluster }
    }

    private var source: String { "exec plugin \"\(command)\" of user \"\(user)\"" }

    private func failure(_ message: String) -> KubernetesClientError {
        KubernetesClientError("\(source) \(message)")
    }

    func run() async throws(KubernetesClientError) -> IssuedCredential {
        guard let executable = locate() else {
            throw failure("was not found" + (installHint.map { ": \($0)" } ?? ""))
        }
        var spec: [String: Any] = ["interactive": false]
        if let cluster = clusterInfo {
            var info: [String: Any] = ["server": cluster.server]
            if let authority = cluster.certificateAuthorityPEM { info["certificate-authority-data"] = Data(authority).base64EncodedString() }
            if cluster.insecureSkipTLSVerify { info["insecure-skip-tls-verify"] = true }
            if let name = cluster.tlsServerName { info["tls-server-name"] = name }
            spec["cluster"] = info
        }
        let info: [String: Any] = ["kind": "ExecCredential", "apiVersion": apiVersion, "spec": spec]
        let infoJSON = (try? JSONSerialization.data(withJSONObject: info, options: [.sortedKeys, .withoutEscapingSlashes])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }.merging(["KUBERNETES_EXEC_INFO": infoJSON]) { $1 }
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            throw failure("did not start: \(error.localizedDescription)")
        }
        let limit = maxOutputBytes
        let pid = process.processIdentifier
        let handle = output.fileHandleForReading
        // A thread of its own: the read blocks, which the concurrency pool's threads must not.
        let reader = Task {
            await withCheckedContinuation { continuation in
                Thread { continuation.resume(returning: Self.drain(handle, limit: limit, killing: pid)) }.start()
            }
        }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while process.isRunning {
            if ContinuousClock.now > deadline {
                kill(process.processIdentifier, SIGKILL)
                throw failure("ran longer than \(timeout)")
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        guard let bytes = await reader.value else {
            throw failure("printed more than \(limit) bytes")
        }
        guard process.terminationStatus == 0 else {
            throw failure("exited with status \(process.terminationStatus)" + (installHint.map { " (\($0))" } ?? ""))
        }
        return try credential(from: bytes)
    }

    /// Everything the plugin prints, or nil (and the plugin killed) once it passes the limit.
    private static func drain(_ handle: FileHandle, limit: Int, killing pid: Int32) -> [UInt8]? {
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { return bytes }
            bytes += buffer[0..<count]
            if bytes.count > limit {
                kill(pid, SIGKILL)
                return nil
            }
        }
    }

    /// The first executable of that name on PATH, or the path itself when it has a slash.
    private func locate() -> String? {
        if command.contains("/") { return FileManager.default.isExecutableFile(atPath: command) ? command : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").lazy.map { ($0 as NSString).appendingPathComponent(command) }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Reads the ExecCredential the plugin printed. Errors never quote the output.
    func credential(from bytes: [UInt8]) throws(KubernetesClientError) -> IssuedCredential {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw failure("did not print a JSON ExecCredential")
        }
        guard object["kind"] as? String == "ExecCredential" else { throw failure("printed an object whose kind is not ExecCredential") }
        guard let printed = object["apiVersion"] as? String, printed == apiVersion else {
            // Only a version of the credential API is echoed: any other text could be the secret.
            let shown = (object["apiVersion"] as? String).flatMap { Self.apiVersions.contains($0) ? "apiVersion \"\($0)\"" : nil }
            throw failure("printed \(shown ?? "another apiVersion"), expected \"\(apiVersion)\"")
        }
        guard let status = object["status"] as? [String: Any] else { throw failure("printed no status") }
        var issued = IssuedCredential()
        if let token = status["token"] as? String, !token.isEmpty { issued.token = token }
        let certificate = status["clientCertificateData"] as? String
        let key = status["clientKeyData"] as? String
        switch (certificate, key) {
        case (let certificate?, let key?) where !certificate.isEmpty && !key.isEmpty:
            issued.clientCertificate = ClientCertificate(certificatePEM: Array(certificate.utf8), keyPEM: Array(key.utf8))
        case (nil, nil):
            break
        default:
            throw failure("printed a client certificate without its key, or a key without its certificate")
        }
        guard issued.token != nil || issued.clientCertificate != nil else {
            throw failure("printed neither status.token nor status.clientCertificateData")
        }
        if let stamp = status["expirationTimestamp"] as? String {
            let fractional = ISO8601DateFormatter()
            fractional.formatOptions.insert(.withFractionalSeconds)
            guard let date = ISO8601DateFormatter().date(from: stamp) ?? fractional.date(from: stamp) else {
                throw failure("printed an expirationTimestamp that is not RFC 3339")
            }
            issued.expiration = date
        }
        return issued
    }
}
