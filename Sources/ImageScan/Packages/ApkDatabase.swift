/// apk-tools' `lib/apk/db/installed`: one stanza per package, one-letter keys.
enum ApkDatabase {
    static func parse(_ data: [UInt8], path: String, layer: Int) throws -> [InstalledPackage] {
        var packages: [InstalledPackage] = []
        for stanza in Stanzas(text: String(decoding: data, as: UTF8.self), foldCase: false) {
            guard let name = stanza["P"] else { continue }
            guard let version = stanza["V"], !version.isEmpty else {
                throw ImageScanError.malformed(path: path, reason: "package \(name) has no V: line")
            }
            packages.append(InstalledPackage(
                kind: .apk, name: name, version: version, architecture: stanza["A"] ?? "",
                sourceName: stanza["o"].flatMap { $0.isEmpty ? nil : $0 }, databasePath: path, layer: layer,
                license: stanza["L"] ?? ""))
        }
        return packages
    }
}
