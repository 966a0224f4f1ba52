import ClusterSnapshot
import EKSGuardCore
import Foundation

/// The `key = value` settings of Bottlerocket's TOML user data, flattened to dotted keys
/// (`settings.host-containers.admin.enabled`). Only scalars are kept: the checks read booleans.
package enum BottlerocketSettings {
    package static let maxLines = 2_000

    package static func parse(_ text: String, name: String) -> Fetched<[String: String]> {
        var table = ""
        var values: [String: String] = [:]
        let lines = text.split(whereSeparator: \.isNewline)
        guard lines.count <= maxLines else {
            return .failure(DataGap("\(name): Bottlerocket settings have \(lines.count) lines, over the \(maxLines)-line limit"))
        }
        for (number, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    return .failure(DataGap("\(name): line \(number + 1) opens a TOML table without closing it"))
                }
                table = key(line.trimmingCharacters(in: CharacterSet(charactersIn: "[]")))
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                return .failure(DataGap("\(name): line \(number + 1) is not `key = value` TOML"))
            }
            let keyName = key(String(line[..<equals]))
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if let quote = value.first, quote == "\"" || quote == "'" {
                // A quoted string ends at its closing quote; anything after it is a comment.
                let rest = value.dropFirst()
                value = String(rest.prefix { $0 != quote })
            } else if let hash = value.firstIndex(of: "#") {
                value = String(value[..<hash]).trimmingCharacters(in: .whitespaces)
            }
            values[table.isEmpty ? keyName : "\(table).\(keyName)"] = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        return .success(values)
    }

    /// A dotted key with quoted segments unquoted: `settings."host-containers".admin`.
    private static func key(_ text: String) -> String {
        text.split(separator: ".").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) }
            .joined(separator: ".")
    }

    /// Whether the user data is Bottlerocket TOML (it sets `[settings...]`), not a shell script or cloud-init.
    package static func looksLikeSettings(_ text: String) -> Bool {
        text.contains("[settings") || text.range(of: #"(?m)^\s*settings\."#, options: .regularExpression) != nil
    }
}
