/// The few files of an image that OS detection and package inventory need, after layers are applied.
/// Paths are relative to the image root, without a leading slash.
public struct ImageFiles: Sendable {
    public struct File: Sendable {
        public var data: [UInt8]
        /// Index of the layer (base = 0) the file came from; 0 for a root filesystem folder.
        public var layer: Int
        public init(data: [UInt8], layer: Int) {
            self.data = data
            self.layer = layer
        }
    }

    public var files: [String: File] = [:]
    /// Shells, package managers and download tools present in the image (see `toolPaths`).
    public var tools: Set<String> = []
    public init(files: [String: File] = [:], tools: Set<String> = []) {
        self.files = files
        self.tools = tools
    }

    public subscript(path: String) -> File? { files[path] }

    /// The release files, read in this order of preference.
    static let releasePaths = [
        "etc/os-release", "usr/lib/os-release", "etc/lsb-release", "etc/debian_version", "etc/alpine-release",
        "etc/system-release", "usr/lib/system-release", "etc/redhat-release",
    ]
    static let dpkgStatus = "var/lib/dpkg/status"
    static let dpkgStatusFolder = "var/lib/dpkg/status.d/"
    static let apkInstalled = ["lib/apk/db/installed", "usr/lib/apk/db/installed"]
    static let rpmFolders = ["var/lib/rpm/", "usr/lib/sysimage/rpm/"]
    static let rpmFiles = ["rpmdb.sqlite", "Packages.db", "Packages"]
    static let bottlerocketInventory = "usr/share/bottlerocket/application-inventory.json"
    /// Red Hat images list the repositories they were built from here (one JSON file per build layer).
    static let contentManifestFolder = "root/buildinfo/content_manifests/"
    /// Files whose presence the slim-image check reports; their content is not kept.
    static let toolPaths = [
        "bin/sh", "bin/bash", "bin/ash", "bin/busybox", "usr/bin/sh", "usr/bin/bash", "usr/bin/apt-get", "usr/bin/apt",
        "usr/bin/dpkg", "sbin/apk", "usr/bin/apk", "usr/bin/yum", "usr/bin/dnf", "usr/bin/microdnf", "bin/rpm", "usr/bin/rpm",
        "usr/bin/curl", "usr/bin/wget",
    ]

    /// Whether a path (already cleaned, relative) is one whose content the scan keeps.
    public static func wants(_ path: String) -> Bool {
        if releasePaths.contains(path) || path == dpkgStatus || apkInstalled.contains(path) || path == bottlerocketInventory {
            return true
        }
        if path.hasPrefix(dpkgStatusFolder) {
            let name = path.dropFirst(dpkgStatusFolder.count)
            return !name.isEmpty && !name.contains("/") && !name.hasSuffix(".md5sums")
        }
        if path.hasPrefix(contentManifestFolder) {
            let name = path.dropFirst(contentManifestFolder.count)
            return name.hasSuffix(".json") && !name.contains("/")
        }
        return rpmFolders.contains { folder in rpmFiles.contains { path == folder + $0 } }
    }

    /// Whether a path is one whose presence (not content) the scan records.
    public static func notes(_ path: String) -> Bool { toolPaths.contains(path) }

    /// Largest file kept, by kind: package databases can be large, release files are tiny.
    public static func sizeLimit(for path: String) -> Int {
        if releasePaths.contains(path) { return 64 << 10 }
        // A manifest lists every package of its layer; 16 MiB is far above the largest image's.
        if path.hasPrefix(contentManifestFolder) { return 16 << 20 }
        if rpmFolders.contains(where: { path.hasPrefix($0) }) { return 512 << 20 }
        return 128 << 20
    }
}
