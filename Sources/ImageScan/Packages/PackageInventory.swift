import Foundation

/// Reads every package database present among an image's files.
public enum PackageInventory {
    public static func read(_ files: ImageFiles) throws -> [InstalledPackage] {
        var packages: [InstalledPackage] = []
        if let status = files[ImageFiles.dpkgStatus] {
            packages += try DpkgDatabase.parse(status.data, path: ImageFiles.dpkgStatus, layer: status.layer, requireStatus: true)
        }
        for (path, file) in files.files.sorted(by: { $0.key < $1.key }) where path.hasPrefix(ImageFiles.dpkgStatusFolder) {
            packages += try DpkgDatabase.parse(file.data, path: path, layer: file.layer, requireStatus: false)
        }
        // apk-tools moved its database to /usr/lib; a newer image may have both, the /usr one is live.
        if let path = ImageFiles.apkInstalled.reversed().first(where: { files[$0] != nil }), let file = files[path] {
            packages += try ApkDatabase.parse(file.data, path: path, layer: file.layer)
        }
        if let path = rpmDatabasePath(files), let file = files[path] {
            packages += try RpmDatabase.parse(file.data, path: path, layer: file.layer)
        }
        if let file = files[ImageFiles.bottlerocketInventory] {
            packages += try BottlerocketInventory.parse(file.data, path: ImageFiles.bottlerocketInventory, layer: file.layer)
        }
        return deduplicated(packages)
    }

    /// One rpm database counts: the newest format wins (an upgraded image can carry a stale Packages file
    /// next to rpmdb.sqlite), /usr/lib/sysimage before /var/lib.
    static func rpmDatabasePath(_ files: ImageFiles) -> String? {
        for name in ImageFiles.rpmFiles {
            for folder in ImageFiles.rpmFolders.reversed() where files[folder + name] != nil { return folder + name }
        }
        return nil
    }

    /// Multi-arch dpkg lists a package once per architecture; identical entries collapse.
    static func deduplicated(_ packages: [InstalledPackage]) -> [InstalledPackage] {
        var seen = Set<[String]>()
        return packages.filter { seen.insert([$0.kind.rawValue, $0.name, $0.architecture, $0.version]).inserted }
    }
}

/// Bottlerocket's `application-inventory.json`: `{"Content": [{"Name", "Version", "Release", "Epoch", …}]}`.
enum BottlerocketInventory {
    struct Document: Decodable {
        struct Entry: Decodable {
            var Name: String
            var Version: String
            var Release: String?
            var Epoch: String?
            var Architecture: String?
            var License: String?
        }
        var Content: [Entry]
    }

    static func parse(_ data: [UInt8], path: String, layer: Int) throws -> [InstalledPackage] {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(data))
        } catch {
            throw ImageScanError.malformed(path: path, reason: "not a Bottlerocket inventory: \(error)")
        }
        return document.Content.map { entry in
            let epoch = entry.Epoch.flatMap(Int.init).flatMap { $0 == 0 ? nil : $0 }
            let version = RpmVersion(epoch: epoch, version: entry.Version, release: entry.Release).description
            return InstalledPackage(kind: .rpm, name: entry.Name, version: version, architecture: entry.Architecture ?? "",
                                    databasePath: path, layer: layer, license: entry.License ?? "")
        }
    }
}
