import EKSGuardCore
import KubernetesAudit

/// Reads constraints from files and folders: every `constraints.gatekeeper.sh` object, skipping
/// ConstraintTemplates (eksguard implements the library's kinds itself) and other objects.
package enum ConstraintLoader {
    package struct Loaded: Sendable {
        package var constraints: [Constraint] = []
        /// Files or objects that could not be read, each naming file and line.
        package var problems: [String] = []
    }

    package static func load(_ paths: [String], files: InputFiles = ManifestScan.inputFiles(), limits: YAMLLimits = .standard) throws(InputFiles.PathError) -> Loaded {
        var loaded = Loaded()
        for file in try files.expand(paths) {
            switch files.read(file) {
            case .failure(let error):
                loaded.problems.append("\(file): \(error.reason)")
            case .success(let bytes):
                let part = parse(bytes, name: file, limits: limits)
                loaded.constraints += part.constraints
                loaded.problems += part.problems
            }
        }
        return loaded
    }

    /// The constraints of one file's bytes.
    package static func parse(_ bytes: [UInt8], name: String, limits: YAMLLimits = .standard) -> Loaded {
        var loaded = Loaded()
        for object in objects(bytes, name: name, limits: limits, problems: &loaded.problems)
        where object.group == Constraint.group {
            do {
                loaded.constraints.append(try Constraint(object))
            } catch {
                loaded.problems.append(error.message)
            }
        }
        return loaded
    }

    /// Every Kubernetes object of a file; unreadable documents are added to `problems`.
    package static func objects(_ bytes: [UInt8], name: String, limits: YAMLLimits, problems: inout [String]) -> [KubernetesObject] {
        var objects: [KubernetesObject] = []
        for document in limits.parseDocuments(bytes, isJSON: name.lowercased().hasSuffix(".json")) {
            switch document.result {
            case .failure(let error):
                problems.append("\(name):\(error.position.line):\(error.position.column): \(error.message)")
            case .success(let node):
                objects += KubernetesObject.objects(in: node, file: name)?.objects ?? []
            }
        }
        return objects
    }
}
