import Crypto
import Foundation
@testable import ImageScan
import Testing

struct ImageSourceTests {
    static let osRelease = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n"

    static func stanza(_ name: String, _ version: String, source: String? = nil) -> String {
        "Package: \(name)\nStatus: install ok installed\nArchitecture: amd64\n" + (source.map { "Source: \($0)\n" } ?? "") + "Version: \(version)\n\n"
    }

    static let base = Tar.archive([
        .folder("etc/"), .file("etc/os-release", osRelease), .file("etc/debian_version", "12.5\n"),
        .file("var/lib/dpkg/status", stanza("libc6", "2.36-9", source: "glibc") + stanza("bash", "5.2.15-2+b2", source: "bash (5.2.15-2)")),
        .file("usr/bin/apt-get", "#!"), .symlink("bin/sh", "dash"), .file("usr/share/doc/big", String(repeating: "x", count: 100_000)),
    ])
    static let top = Tar.archive([
        .file("./var/lib/dpkg/status", stanza("libc6", "2.36-9", source: "glibc") + stanza("bash", "5.2.15-2+b2", source: "bash (5.2.15-2)")
            + stanza("curl", "7.88.1-10+deb12u5")),
        .file("usr/bin/.wh.apt-get", ""),
    ])

    static func expectDebianInventory(_ inventory: ImageInventory) {
        #expect(inventory.os?.family == .debian && inventory.os?.version == "12.5")
        let summary = inventory.packages.map { "\($0.name)@\($0.layer)" }.sorted()
        #expect(summary == ["bash@0", "curl@1", "libc6@0"])
        #expect(inventory.tools == ["bin/sh"])
        #expect(inventory.packages.first { $0.name == "bash" }?.sourceVersion == "5.2.15-2")
    }

    @discardableResult
    static func withArchive<T>(_ entries: [Tar.Entry], _ body: (String) async throws -> T) async throws -> T {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/image.tar"
        try write(Tar.archive(entries), to: path)
        return try await body(path)
    }

    @Test func legacyDockerArchive() async throws {
        let entries = TestImage(layers: [Self.base, Self.top], compression: nil).legacyDockerArchive(tag: "demo:1")
        try await Self.withArchive(entries) { path in
            let image = try ImageLayouts.archive(path: path, reference: "demo:1", platform: nil)
            #expect(image.name == "demo:1" && image.layers.count == 2)
            Self.expectDebianInventory(try await ImageLoader.inventory(of: image))
            #expect(throws: ImageScanError.self) { try ImageLayouts.archive(path: path, reference: "other:2", platform: nil) }
        }
    }

    @Test(arguments: ["gzip", "zstd", "none", "multi-member gzip"])
    func ociLayoutTar(compression: String) async throws {
        var image = TestImage(layers: [Self.base, Self.top])
        switch compression {
        case "zstd": image.compression = Compress.zstd
        case "none": image.compression = nil
        case "multi-member gzip":
            // eStargz-like: the tar split into several independently compressed members.
            image.compression = { data in
                stride(from: 0, to: data.count, by: 3000).flatMap { Compress.gzip(Array(data[$0..<min($0 + 3000, data.count)])) }
            }
        default: break
        }
        try await Self.withArchive(image.ociLayout()) { path in
            Self.expectDebianInventory(try await ImageLoader.inventory(of: try ImageLayouts.archive(path: path, reference: nil, platform: nil)))
        }
    }

    @Test func ociLayoutFolder() async throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for entry in TestImage(layers: [Self.base, Self.top]).ociLayout() {
            guard case let .bytes(path, data) = entry.asBytes else { continue }
            try FileManager.default.createDirectory(atPath: folder + "/" + LayerReader.split(path).folder, withIntermediateDirectories: true)
            try write(data, to: folder + "/" + path)
        }
        let image = try ImageLayouts.ociFolder(path: folder, reference: "latest", platform: nil)
        Self.expectDebianInventory(try await ImageLoader.inventory(of: image))
    }

    /// Docker 29 style: index → nested index → per-platform manifests, plus an attestation manifest.
    @Test func nestedIndexPlatformSelectionSkipsAttestations() async throws {
        let amd = TestImage(layers: [Self.base]).manifest()
        var armImage = TestImage(layers: [Tar.archive([.file("etc/alpine-release", "3.19.1\n")])])
        armImage.platform = ("linux", "arm64")
        let arm = armImage.manifest()
        let attestation = #"{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:\#(String(repeating: "0", count: 64))","size":1,"platform":{"os":"unknown","architecture":"unknown"},"annotations":{"vnd.docker.reference.type":"attestation-manifest"}}"#
        let child = TestImage(layers: []).blob(
            Array(#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[\#(attestation),\#(arm.manifest.descriptor),\#(amd.manifest.descriptor)]}"#.utf8),
            mediaType: "application/vnd.oci.image.index.v1+json")
        let entries = TestImage.layout(index: [child.descriptor], blobs: [child, amd.manifest, arm.manifest] + amd.blobs + arm.blobs)
        try await Self.withArchive(entries) { path in
            let chosen = try ImageLayouts.archive(path: path, reference: nil, platform: nil)
            #expect(try await ImageLoader.inventory(of: chosen).os?.family == .debian)
            let arm = try ImageLayouts.archive(path: path, reference: nil, platform: "linux/arm64")
            #expect(arm.architecture == "arm64")
            #expect(try await ImageLoader.inventory(of: arm).os?.family == .alpine)
            #expect(throws: ImageScanError.self) { try ImageLayouts.archive(path: path, reference: nil, platform: "linux/s390x") }
        }
    }

    @Test func whiteoutsAndOpaqueFoldersHideLowerLayersOnly() throws {
        var files = ImageFiles()
        let lower = try LayerReader.read(MemorySource(Tar.archive([
            .file("etc/os-release", "ID=alpine\n"), .file("etc/alpine-release", "3.18\n"), .file("lib/apk/db/installed", "P:a\nV:1\n"),
        ])), name: "lower", limits: ScanLimits())
        let upper = try LayerReader.read(MemorySource(Tar.archive([
            .file("etc/.wh..wh..opq", ""), .file("etc/os-release", "ID=wolfi\n"), .file("lib/apk/db/.wh.installed", ""),
            .file("lib/apk/db/installed", "P:b\nV:2\n"),
        ])), name: "upper", limits: ScanLimits())
        files.apply(lower, index: 0)
        files.apply(upper, index: 1)
        #expect(files["etc/alpine-release"] == nil)
        #expect(files["etc/os-release"].map { String(decoding: $0.data, as: UTF8.self) } == "ID=wolfi\n")
        #expect(files["lib/apk/db/installed"]?.layer == 1)
        let whiteout = try LayerReader.read(MemorySource(Tar.archive([.file("lib/.wh.apk", "")])), name: "w", limits: ScanLimits())
        files.apply(whiteout, index: 2)
        #expect(files["lib/apk/db/installed"] == nil && files["etc/os-release"] != nil)
    }

    @Test func hardLinksAndTraversalStayInsideTheImage() throws {
        let layer = try LayerReader.read(MemorySource(Tar.archive([
            .file("../../../../etc/os-release", "ID=debian\n"), .file("/etc/debian_version", "12.1\n"),
            .file("tmp/status", "Package: x\n"), .hardlink("var/lib/dpkg/status", "tmp/status"),
            .file("./etc/../var/lib/dpkg/status.d/zlib", "Package: zlib1g\nVersion: 1\n"),
            .file(String(repeating: "d/", count: 60) + "etc/alpine-release", "3.1\n"),
        ])), name: "t", limits: ScanLimits())
        #expect(Set(layer.files.keys) == ["etc/os-release", "etc/debian_version", "var/lib/dpkg/status.d/zlib"])
        #expect(layer.replaced == ["var/lib/dpkg/status"], "a hard link to an unwanted file replaces the lower file")
        let linked = try LayerReader.read(MemorySource(Tar.archive([
            .file("etc/os-release", "ID=x\n"), .hardlink("usr/lib/os-release", "etc/os-release"),
        ])), name: "t", limits: ScanLimits())
        #expect(linked.files["usr/lib/os-release"] == Array("ID=x\n".utf8))
    }

    @Test func gzipBombStopsAtTheLayerLimit() async throws {
        var limits = ScanLimits()
        limits.maximumLayerBytes = 1 << 20
        let bomb = Compress.gzip(Tar.archive([.bytes("zeros", [UInt8](repeating: 0, count: 8 << 20))]))
        #expect(bomb.count < 64 << 10)
        let error = try #require(throws: ImageScanError.self) {
            _ = try LayerReader.read(AnySource(try decompressed(MemorySource(bomb), name: "bomb")), name: "bomb", limits: limits)
        }
        #expect(error.description.contains("1048576 decompressed bytes"))
    }

    @Test(arguments: ["gzip", "zstd", "tar"])
    func truncatedLayersFail(kind: String) throws {
        let tar = Tar.archive([.file("etc/os-release", Self.osRelease), .bytes("x", (0..<50_000).map { UInt8(truncatingIfNeeded: $0 * 7) })])
        let stored = kind == "gzip" ? Compress.gzip(tar) : (kind == "zstd" ? Compress.zstd(tar) : tar)
        let cut = Array(stored.prefix(stored.count / 2))
        #expect(throws: ImageScanError.self) {
            _ = try LayerReader.read(AnySource(try decompressed(MemorySource(cut), name: "cut")), name: "cut", limits: ScanLimits())
        }
    }

    @Test func digestMismatchIsDetected() async throws {
        let image = TestImage(layers: [Self.base])
        var entries = image.ociLayout()
        // Swap the layer blob's content for another valid gzip stream under the same name.
        let layerName = "blobs/sha256/" + image.manifest().blobs[1].digest.dropFirst(7)
        entries = entries.map { entry in
            if case let .bytes(path, _) = entry, path == layerName { return .bytes(path, Compress.gzip(Self.top)) }
            return entry
        }
        try await Self.withArchive(entries) { path in
            let resolved = try ImageLayouts.archive(path: path, reference: nil, platform: nil)
            await #expect(throws: ImageScanError.self) { _ = try await ImageLoader.inventory(of: resolved) }
        }
    }

    @Test func symlinkLoopsInTheArchiveAreErrors() async throws {
        var entries = TestImage(layers: [Self.base], compression: nil).legacyDockerArchive(tag: "loop:1")
        entries = entries.filter { if case let .bytes(path, _) = $0 { return path != "layer0/layer.tar" } else { return true } }
        entries += [.symlink("layer0/layer.tar", "../loop/layer.tar"), .symlink("loop/layer.tar", "../layer0/layer.tar")]
        try await Self.withArchive(entries) { path in
            let error = try #require(throws: ImageScanError.self) { try ImageLayouts.archive(path: path, reference: nil, platform: nil) }
            #expect(error.description.contains("not in the image"))
        }
    }

    @Test func notAnImage() async throws {
        try await Self.withArchive([.file("hello.txt", "hi")]) { path in
            #expect(throws: ImageScanError.self) { try ImageLayouts.archive(path: path, reference: nil, platform: nil) }
        }
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(Compress.gzip(Tar.archive([])), to: folder + "/image.tar.gz")
        let error = try #require(throws: ImageScanError.self) { try ImageLayouts.archive(path: folder + "/image.tar.gz", reference: nil, platform: nil) }
        #expect(error.description.contains("compressed"))
    }

    @Test func rootFilesystemLinksResolveInsideTheRoot() throws {
        let root = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let manager = FileManager.default
        for folder in ["etc", "usr/lib", "var/lib/dpkg/status.d", "bin"] {
            try manager.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        try write(Array(Self.osRelease.utf8), to: root + "/usr/lib/os-release")
        try manager.createSymbolicLink(atPath: root + "/etc/os-release", withDestinationPath: "/usr/lib/os-release")
        // Points far above the root: resolved as in a chroot, it cannot reach the host's files.
        try manager.createSymbolicLink(atPath: root + "/etc/debian_version", withDestinationPath: "../../../../../../../etc/hostname")
        try manager.createSymbolicLink(atPath: root + "/etc/alpine-release", withDestinationPath: "alpine-release")
        try write(Array("Package: tzdata\nVersion: 2024a-0+deb12u1\n".utf8), to: root + "/var/lib/dpkg/status.d/tzdata")
        try write(Array("x".utf8), to: root + "/var/lib/dpkg/status.d/tzdata.md5sums")
        try write(Array("#!".utf8), to: root + "/bin/bash")
        let inventory = try ImageLoader.inventory(ofRoot: root)
        #expect(inventory.os?.family == .debian && inventory.os?.version == "12" && inventory.os?.distroless == true)
        #expect(inventory.packages.map(\.name) == ["tzdata"])
        #expect(inventory.tools == ["bin/bash"])
    }
}

extension Tar.Entry {
    /// Regular file entries as bytes, for writing a layout to a folder.
    var asBytes: Tar.Entry? {
        switch self {
        case let .file(path, text): return .bytes(path, Array(text.utf8))
        case .bytes: return self
        default: return nil
        }
    }
}

struct DigestTests {
    @Test func sha512DigestsAreVerifiedToo() throws {
        let data = Array("layer".utf8)
        let sha512 = "sha512:" + SHA512.hash(data: data).map { String($0, radix: 16).leftPad(2) }.joined()
        var good = VerifyingSource(MemorySource(data), digest: sha512, name: "blob")
        #expect(try good.readAll(limit: 100, name: "blob") == data)
        var bad = VerifyingSource(MemorySource(data + [0]), digest: sha512, name: "blob")
        #expect(throws: ImageScanError.self) { _ = try bad.readAll(limit: 100, name: "blob") }
    }
}
