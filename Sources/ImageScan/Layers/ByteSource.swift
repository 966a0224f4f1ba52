import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A forward-only stream of bytes delivered in chunks: a region of a file, a decompressor, a download.
public protocol ByteSource {
    /// The next chunk, or nil at the end. Chunks are never empty.
    mutating func next() throws -> [UInt8]?
    /// Skips up to `count` bytes without reading them when the source can seek; returns how many were
    /// skipped (0 for streams, which must be read instead).
    mutating func skip(upTo count: Int) throws -> Int
}

extension ByteSource {
    public mutating func skip(upTo count: Int) throws -> Int { 0 }
}

/// A byte range of a file on disk, read with `pread` so several layers of one archive can be read at once.
public struct FileRegionSource: ByteSource {
    private let file: SharedFile
    private var offset: Int64
    private var remaining: Int64
    static let chunkSize = 1 << 20

    public init(file: SharedFile, offset: Int64, length: Int64) {
        self.file = file
        self.offset = offset
        self.remaining = length
    }

    public mutating func skip(upTo count: Int) throws -> Int {
        let step = Int(min(Int64(count), remaining))
        offset += Int64(step)
        remaining -= Int64(step)
        return step
    }

    public mutating func next() throws -> [UInt8]? {
        guard remaining > 0 else { return nil }
        let count = Int(min(Int64(Self.chunkSize), remaining))
        var chunk = [UInt8](repeating: 0, count: count)
        let got = try chunk.withUnsafeMutableBytes { try file.read(into: $0, at: offset) }
        guard got > 0 else { throw ImageScanError.unreadable(source: file.path, reason: "file ended \(remaining) bytes early") }
        if got < count { chunk.removeSubrange(got...) }
        offset += Int64(got)
        remaining -= Int64(got)
        return chunk
    }
}

/// An open file that byte sources share; closed when the last source is gone.
public final class SharedFile: Sendable {
    public let path: String
    private let descriptor: Int32
    public let size: Int64

    public init(path: String) throws {
        self.path = path
        guard FileSystem.isRegularFile(path) else { throw ImageScanError.unreadable(source: path, reason: "not a regular file") }
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ImageScanError.unreadable(source: path, reason: String(cString: strerror(errno))) }
        size = Int64(lseek(descriptor, 0, SEEK_END))
    }

    deinit { close(descriptor) }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        while true {
            let got = pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset))
            if got >= 0 { return got }
            if errno != EINTR { throw ImageScanError.unreadable(source: path, reason: String(cString: strerror(errno))) }
        }
    }

    func readAll(offset: Int64, length: Int64, limit: Int) throws -> [UInt8] {
        guard length <= Int64(limit) else { throw ImageScanError.limitExceeded(source: path, limit: "\(limit) bytes per metadata file") }
        var source = FileRegionSource(file: self, offset: offset, length: length)
        var out: [UInt8] = []
        while let chunk = try source.next() { out += chunk }
        return out
    }
}

/// Type erasure, so wrappers can be stacked on a source chosen at run time.
struct AnySource: ByteSource {
    var base: any ByteSource
    init(_ base: any ByteSource) { self.base = base }
    mutating func next() throws -> [UInt8]? { try base.next() }
    mutating func skip(upTo count: Int) throws -> Int { try base.skip(upTo: count) }
}

/// Bytes held in memory (tests, small blobs fetched whole).
public struct MemorySource: ByteSource {
    private var data: [UInt8]?
    public init(_ data: [UInt8]) { self.data = data.isEmpty ? nil : data }
    public mutating func next() throws -> [UInt8]? {
        defer { data = nil }
        return data
    }
}

/// Passes bytes through while hashing them; at the end, the SHA-256 must equal the expected digest.
struct VerifyingSource<Inner: ByteSource>: ByteSource {
    var inner: Inner
    let expected: String
    let name: String
    private var hasher: Hasher
    private var finished = false

    /// The digest algorithms `ImageDocuments.validated` accepts.
    private enum Hasher {
        case sha256(SHA256), sha512(SHA512)
    }

    init(_ inner: Inner, digest: String, name: String) {
        self.inner = inner
        self.expected = digest
        self.name = name
        hasher = digest.hasPrefix("sha512:") ? .sha512(SHA512()) : .sha256(SHA256())
    }

    mutating func next() throws -> [UInt8]? {
        if finished { return nil }
        if let chunk = try inner.next() {
            switch hasher {
            case var .sha256(state):
                state.update(data: chunk)
                hasher = .sha256(state)
            case var .sha512(state):
                state.update(data: chunk)
                hasher = .sha512(state)
            }
            return chunk
        }
        finished = true
        let (algorithm, bytes): (String, [UInt8])
        switch hasher {
        case let .sha256(state): (algorithm, bytes) = ("sha256:", Array(state.finalize()))
        case let .sha512(state): (algorithm, bytes) = ("sha512:", Array(state.finalize()))
        }
        let actual = algorithm + bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        guard actual == expected else {
            throw ImageScanError.invalidImage(source: name, reason: "content digest \(actual) does not match \(expected)")
        }
        return nil
    }
}

/// What a source that had to be read whole looks like to the rest of the code.
extension ByteSource {
    /// `expectedSize` (a descriptor's size) is reserved up front, so a large blob is not copied as it grows.
    mutating func readAll(limit: Int, name: String, expectedSize: Int = 0) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(expectedSize, limit))
        while let chunk = try next() {
            out += chunk
            guard out.count <= limit else { throw ImageScanError.limitExceeded(source: name, limit: "\(limit) bytes") }
        }
        return out
    }
}

/// File type questions answered through FileManager (the C `stat` structure is ambiguous across the
/// system modules Foundation re-exports).
enum FileSystem {
    /// A regular file, following symbolic links.
    static func isRegularFile(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { return false }
        let resolved = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { _ in
            URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        } ?? path
        return (try? FileManager.default.attributesOfItem(atPath: resolved)[.type] as? FileAttributeType) == .typeRegular
    }

    /// Whether the path itself (not what it points to) is a symbolic link; nil if it does not exist.
    static func isSymbolicLink(_ path: String) -> Bool? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return attributes[.type] as? FileAttributeType == .typeSymbolicLink
    }
}
