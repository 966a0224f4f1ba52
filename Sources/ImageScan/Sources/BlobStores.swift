import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Blobs in a folder (an OCI layout on disk).
struct FolderStore: BlobStore {
    let root: String
    var name: String { root }

    private func fullPath(_ path: String) -> String? {
        guard let clean = LayerReader.cleanPath(path), clean == path else { return nil }
        return root + "/" + clean
    }

    func contains(_ path: String) -> Bool {
        guard let full = fullPath(path) else { return false }
        return FileSystem.isRegularFile(full)
    }

    func read(_ path: String, limit: Int) throws -> [UInt8] {
        let file = try openFile(path)
        return try file.readAll(offset: 0, length: file.size, limit: limit)
    }

    func open(_ path: String) throws -> (source: any ByteSource, size: Int64) {
        let file = try openFile(path)
        return (FileRegionSource(file: file, offset: 0, length: file.size), file.size)
    }

    private func openFile(_ path: String) throws -> SharedFile {
        guard let full = fullPath(path) else { throw ImageScanError.invalidImage(source: root, reason: "bad path \(path)") }
        return try SharedFile(path: full)
    }
}

/// Members of an uncompressed tar archive (`docker save` output, an OCI layout packed as tar), indexed
/// once and then read in place by offset.
final class TarStore: BlobStore {
    struct Member {
        var offset: Int64
        var size: Int64
        var kind: TarEntry.Kind
        var linkTarget: String
    }

    let file: SharedFile
    private let members: [String: Member]
    var name: String { file.path }

    init(path: String, limits: ScanLimits) throws {
        file = try SharedFile(path: path)
        var head = FileRegionSource(file: file, offset: 0, length: min(file.size, 512))
        if let prefix = try head.next(), Compression.sniff(prefix.prefix(4)) != .none {
            throw ImageScanError.invalidImage(source: path, reason: "the archive is compressed; decompress it first (e.g. gunzip)")
        }
        var tar = TarReader(FileRegionSource(file: file, offset: 0, length: file.size), name: path)
        var members: [String: Member] = [:]
        while let entry = try tar.next() {
            guard members.count < limits.maximumEntriesPerLayer else {
                throw ImageScanError.limitExceeded(source: path, limit: "\(limits.maximumEntriesPerLayer) archive entries")
            }
            guard let clean = LayerReader.cleanPath(entry.path) else { continue }
            members[clean] = Member(offset: Int64(tar.contentOffset), size: Int64(entry.size), kind: entry.kind, linkTarget: entry.linkTarget)
        }
        self.members = members
    }

    /// Follows symbolic and hard links inside the archive (legacy `docker save` links duplicate layers).
    private func member(_ path: String) -> Member? {
        var current = path
        for _ in 0..<16 {
            guard let member = members[current] else { return nil }
            switch member.kind {
            case .file: return member
            case .symbolicLink:
                let folder = LayerReader.split(current).folder
                let target = member.linkTarget.hasPrefix("/") ? member.linkTarget : folder + "/" + member.linkTarget
                guard let next = LayerReader.cleanPath(target) else { return nil }
                current = next
            case .hardLink:
                guard let next = LayerReader.cleanPath(member.linkTarget) else { return nil }
                current = next
            default: return nil
            }
        }
        return nil
    }

    func contains(_ path: String) -> Bool { member(path) != nil }

    func read(_ path: String, limit: Int) throws -> [UInt8] {
        guard let member = member(path) else { throw ImageScanError.invalidImage(source: name, reason: "\(path) is not in the archive") }
        return try file.readAll(offset: member.offset, length: member.size, limit: limit)
    }

    func open(_ path: String) throws -> (source: any ByteSource, size: Int64) {
        guard let member = member(path) else { throw ImageScanError.invalidImage(source: name, reason: "\(path) is not in the archive") }
        return (FileRegionSource(file: file, offset: member.offset, length: member.size), member.size)
    }
}
