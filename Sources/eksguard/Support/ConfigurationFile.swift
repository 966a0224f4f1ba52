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
        let reader = ManifestScan.inputFiles()
        let bytes: [UInt8]
        switch reader.read(path) {
        case .success(let read): bytes = read
        case .failure(let error): throw UsageError("\(path): \(error.reason)")
        }
        do {
            let document = try YAMLLimits.standard.parseSingleDocument(bytes)
            return try Configuration(document: document, file: path)
        } catch let error as YAMLError {
            throw UsageError("\(path):\(error.position.line):\(error.position.column): \(error.message)")
        } catch {
            throw UsageError("\(error)")
        }
    }
}
