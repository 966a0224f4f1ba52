import Foundation

/// The shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`) as profiles.
/// In the config file a profile is `[profile NAME]` (or `[default]`); in the credentials file it
/// is `[NAME]`. Keys of the credentials file win over the config file's for the same profile.
public struct SharedConfig: Sendable, Equatable {
    /// Both files merged.
    public var profiles: [String: [String: String]]
    /// The credentials file alone: its static keys come before credential_process in the chain,
    /// the config file's after.
    public var credentialsFile: [String: [String: String]]

    public init(profiles: [String: [String: String]] = [:], credentialsFile: [String: [String: String]] = [:]) {
        self.profiles = profiles
        self.credentialsFile = credentialsFile
    }

    /// Files larger than this are refused; real ones are a few kilobytes.
    static let maxFileBytes = 1 << 20

    /// Reads both files from the locations the AWS CLI uses (AWS_CONFIG_FILE,
    /// AWS_SHARED_CREDENTIALS_FILE, else under ~/.aws). Missing files are empty.
    public static func load(environment: [String: String]) throws(AWSError) -> SharedConfig {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let configPath = environment["AWS_CONFIG_FILE"].map(expand) ?? home + "/.aws/config"
        let credentialsPath = environment["AWS_SHARED_CREDENTIALS_FILE"].map(expand) ?? home + "/.aws/credentials"
        var config = SharedConfig()
        for (name, values) in try parse(read(configPath), path: configPath) {
            let profile: String
            if name == "default" {
                profile = name
            } else if name.hasPrefix("profile ") {
                profile = name.dropFirst("profile ".count).trimmingCharacters(in: .whitespaces)
            } else {
                continue
            }
            config.profiles[profile, default: [:]].merge(values) { _, new in new }
        }
        for (name, values) in try parse(read(credentialsPath), path: credentialsPath) {
            config.profiles[name, default: [:]].merge(values) { _, new in new }
            config.credentialsFile[name, default: [:]].merge(values) { _, new in new }
        }
        return config
    }

    private static func expand(_ path: String) -> String {
        (path as NSString).expandingTildeInPath
    }

    private static func read(_ path: String) throws(AWSError) -> String {
        guard FileManager.default.fileExists(atPath: path) else { return "" }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              (attributes[.size] as? Int ?? 0) <= maxFileBytes,
              let data = FileManager.default.contents(atPath: path)
        else {
            throw AWSError(kind: .credentials, code: "InvalidConfigFile", message: "\(path): unreadable or over 1 MiB")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// INI sections with `key = value` lines; `#` and `;` start comments; indented lines continue
    /// the previous key (sub-sections such as `s3 =` are kept as text and not used).
    static func parse(_ text: String, path: String) throws(AWSError) -> [(String, [String: String])] {
        var sections: [(String, [String: String])] = []
        var lastKey: String?
        for (number, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    throw AWSError(kind: .credentials, code: "InvalidConfigFile", message: "\(path):\(number + 1): unclosed section")
                }
                sections.append((line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces), [:]))
                lastKey = nil
                continue
            }
            guard !sections.isEmpty else {
                throw AWSError(kind: .credentials, code: "InvalidConfigFile", message: "\(path):\(number + 1): key outside a section")
            }
            if rawLine.first?.isWhitespace == true, let lastKey {
                sections[sections.count - 1].1[lastKey, default: ""] += "\n" + line
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw AWSError(kind: .credentials, code: "InvalidConfigFile", message: "\(path):\(number + 1): expected key = value")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            // No inline comments: like botocore's parser, `key = a # b` keeps "a # b".
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            sections[sections.count - 1].1[key] = value
            lastKey = key
        }
        return sections
    }
}
