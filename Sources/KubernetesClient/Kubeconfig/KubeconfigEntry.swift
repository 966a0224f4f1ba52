import EKSGuardCore
import Foundation
import KubernetesAudit

/// Typed reading of one kubeconfig entry, with errors that name the file, line and key.
extension KubeconfigFile.Entry {
    static func string(_ field: Cursor, file: String) throws(KubernetesClientError) -> String? {
        switch field.string {
        case .absent: return nil
        case .value(let text): return text
        case .invalid(let problem): throw error(file: file, at: field, problem)
        }
    }

    static func error(file: String, at: Cursor, _ message: String) -> KubernetesClientError {
        KubernetesClientError("kubeconfig \(file):\(at.position.line):\(at.position.column): \(message)")
    }

    func error(at: Cursor, _ message: String) -> KubernetesClientError {
        Self.error(file: file, at: at, message)
    }

    func string(_ key: String) throws(KubernetesClientError) -> String? {
        try Self.string(body[key], file: file)
    }

    func bool(_ key: String) throws(KubernetesClientError) -> Bool {
        switch body[key].bool {
        case .absent: return false
        case .value(let flag): return flag
        case .invalid(let problem): throw error(at: body[key], problem)
        }
    }

    /// The folder relative paths resolve against: the defining file's own.
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.hasPrefix("~/") {
            return (NSHomeDirectory() as NSString).appendingPathComponent(String(path.dropFirst(2)))
        }
        let folder = (file as NSString).deletingLastPathComponent
        return (((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(path) as NSString).standardizingPath
    }

    /// PEM bytes from `<key>-data` (base64, preferred as kubectl does) or the file `<key>`. The
    /// error names the key only: the value may be a private key.
    func pem(_ key: String, what: String) throws(KubernetesClientError) -> [UInt8]? {
        if let data = try string(key + "-data"), !data.isEmpty {
            guard let decoded = Data(base64Encoded: data, options: .ignoreUnknownCharacters), !decoded.isEmpty else {
                throw error(at: body[key + "-data"], "\(key)-data of \(name) is not base64")
            }
            return [UInt8](decoded)
        }
        guard let path = try string(key), !path.isEmpty else { return nil }
        return try read(resolve(path), key: key, what: what)
    }

    func read(_ path: String, key: String, what: String) throws(KubernetesClientError) -> [UInt8] {
        switch Self.referencedFiles.read(path) {
        case .success(let bytes): return bytes
        case .failure(let problem): throw error(at: body[key], "\(key) of \(name): \(what) \(path): \(problem.reason)")
        }
    }

    /// Certificates, keys and token files: small, text.
    static let referencedFiles = InputFiles(maxFileBytes: 1 << 20, include: { _ in true })
}
