import EKSGuardCore
import Foundation
import KubernetesAudit

/// Finds and reads `.eksguard.yaml` (or `--config FILE`). A named file that is missing is an
/// error; the default file is optional.
enum ConfigurationFile {
    static func load(_ explicitPath: String?) throws -> Configuration {
        let path = explicitPath ?? ".eksguard.yaml"
        guard FileManager.default.fileExists(atPath: path) else {
            if let explicitPath { throw UsageError("configuration file \(explicitPath) does not exist") }
            return .empty
        }
        do {
            return try Configuration(document: document(at: path), file: path)
        } catch let error as ConfigError {
            throw UsageError("\(error)")
        }
    }

    /// Reads and parses a YAML configuration file (bounded like every input).
    static func document(at path: String) throws -> SourceNode? {
        let bytes: [UInt8]
        switch ManifestScan.inputFiles(maxFileBytes: 1 << 20).read(path) {
        case .success(let read): bytes = read
        case .failure(let error): throw UsageError("\(path): \(error.reason)")
        }
        do {
            return try YAMLLimits.standard.parseSingleDocument(bytes)
        } catch {
            throw UsageError("\(path):\(error.position.line):\(error.position.column): \(error.message)")
        }
    }
}
