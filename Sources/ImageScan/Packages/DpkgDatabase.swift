/// dpkg's `var/lib/dpkg/status` and distroless' one-stanza files in `var/lib/dpkg/status.d/`.
enum DpkgDatabase {
    /// Third word of `Status:` for packages whose files are on disk.
    static let presentStates: Set<Substring> = ["installed", "half-configured", "triggers-awaited", "triggers-pending"]

    /// `requireStatus` is false for status.d entries, which carry no Status field.
    static func parse(_ data: [UInt8], path: String, layer: Int, requireStatus: Bool) throws -> [InstalledPackage] {
        var packages: [InstalledPackage] = []
        for stanza in Stanzas(text: String(decoding: data, as: UTF8.self), foldCase: true) {
            guard let name = stanza["package"] else { continue }
            if let status = stanza["status"] {
                let words = status.split(separator: " ")
                guard words.count == 3, presentStates.contains(words[2]) else { continue }
            } else if requireStatus {
                continue
            }
            guard let version = stanza["version"], !version.isEmpty else {
                throw ImageScanError.malformed(path: path, reason: "package \(name) has no Version")
            }
            var sourceName: String?
            var sourceVersion: String?
            if let source = stanza["source"], !source.isEmpty {
                // `Source: name` or `Source: name (version)` when the source version differs (binNMUs, gcc-12).
                if let open = source.firstIndex(of: "("), let close = source.lastIndex(of: ")"), open < close {
                    sourceName = source[..<open].trimming(" ")
                    sourceVersion = source[source.index(after: open)..<close].trimming(" ")
                } else {
                    sourceName = source
                }
            }
            packages.append(InstalledPackage(
                kind: .deb, name: name, version: version, architecture: stanza["architecture"] ?? "",
                sourceName: sourceName, sourceVersion: sourceVersion, databasePath: path, layer: layer))
        }
        return packages
    }
}
