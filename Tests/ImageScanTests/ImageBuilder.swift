import SystemZlib
import SystemZstd
import Crypto
import Foundation

/// Builds tar archives, compressed layers, docker-archives and OCI layouts in memory, so tests need
/// no Docker daemon.
enum Tar {
    enum Entry {
        case file(String, String)
        case bytes(String, [UInt8])
        case folder(String)
        case symlink(String, String)
        case hardlink(String, String)
    }

    static func archive(_ entries: [Entry], endMarker: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        for entry in entries {
            switch entry {
            case let .file(path, text): append(&out, path: path, type: 0x30, content: Array(text.utf8))
            case let .bytes(path, data): append(&out, path: path, type: 0x30, content: data)
            case let .folder(path): append(&out, path: path, type: 0x35, content: [])
            case let .symlink(path, target): append(&out, path: path, type: 0x32, content: [], link: target)
            case let .hardlink(path, target): append(&out, path: path, type: 0x31, content: [], link: target)
            }
        }
        if endMarker { out += [UInt8](repeating: 0, count: 1024) }
        return out
    }

    static func append(_ out: inout [UInt8], path: String, type: UInt8, content: [UInt8], link: String = "") {
        var pathBytes = Array(path.utf8)
        if pathBytes.count > 100 {
            // GNU long name entry first.
            append(&out, path: "././@LongLink", type: 0x4C, content: pathBytes + [0])
            pathBytes = Array(pathBytes.prefix(100))
        }
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ bytes: [UInt8], at offset: Int) { for (i, b) in bytes.enumerated() { header[offset + i] = b } }
        func octal(_ value: Int, _ width: Int) -> [UInt8] {
            Array(String(String(value, radix: 8).leftPad(width - 1)).utf8) + [0]
        }
        put(pathBytes, at: 0)
        put(octal(0o644, 8), at: 100)
        put(octal(0, 8), at: 108)
        put(octal(0, 8), at: 116)
        put(octal(content.count, 12), at: 124)
        put(octal(0, 12), at: 136)
        header[156] = type
        put(Array(link.utf8.prefix(100)), at: 157)
        put(Array("ustar\u{0}00".utf8), at: 257)
        put(Array(repeating: 0x20, count: 8), at: 148)
        let sum = header.reduce(0) { $0 + Int($1) }
        put(Array(String(String(sum, radix: 8).leftPad(6)).utf8) + [0, 0x20], at: 148)
        out += header + content + [UInt8](repeating: 0, count: (512 - content.count % 512) % 512)
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

enum Compress {
    static func gzip(_ data: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        deflateInit2_(&stream, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        defer { deflateEnd(&stream) }
        var input = data
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(data.count))) + 64)
        let count = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                deflate(&stream, Z_FINISH)
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(count))
    }

    static func zstd(_ data: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: ZSTD_compressBound(data.count))
        let count = data.withUnsafeBytes { inBytes in
            output.withUnsafeMutableBytes { ZSTD_compress($0.baseAddress, $0.count, inBytes.baseAddress, inBytes.count, 3) }
        }
        return Array(output.prefix(count))
    }
}

func sha256(_ data: [UInt8]) -> String {
    "sha256:" + SHA256.hash(data: data).map { String($0, radix: 16).leftPad(2) }.joined()
}

/// An OCI layout (as tar entries) or docker-archive assembled from layer tars.
struct TestImage {
    var layers: [[UInt8]]
    var compression: (([UInt8]) -> [UInt8])? = Compress.gzip
    var platform = ("linux", "amd64")
    var configType = "application/vnd.oci.image.config.v1+json"

    struct Blob {
        var digest: String
        var data: [UInt8]
        var descriptor: String
    }

    func blob(_ data: [UInt8], mediaType: String, extra: String = "") -> Blob {
        let digest = sha256(data)
        return Blob(digest: digest, data: data, descriptor: #"{"mediaType":"\#(mediaType)","digest":"\#(digest)","size":\#(data.count)\#(extra)}"#)
    }

    /// The manifest and every blob it needs.
    func manifest() -> (manifest: Blob, blobs: [Blob]) {
        let stored = layers.map { compression?($0) ?? $0 }
        let layerType = compression == nil ? "application/vnd.oci.image.layer.v1.tar" : "application/vnd.oci.image.layer.v1.tar+gzip"
        let layerBlobs = stored.map { blob($0, mediaType: layerType) }
        let diffIDs = layers.map { "\"\(sha256($0))\"" }.joined(separator: ",")
        let config = blob(Array(#"{"architecture":"\#(platform.1)","os":"\#(platform.0)","rootfs":{"type":"layers","diff_ids":[\#(diffIDs)]}}"#.utf8), mediaType: configType)
        let manifest = #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":\#(config.descriptor),"layers":[\#(layerBlobs.map(\.descriptor).joined(separator: ","))]}"#
        return (blob(Array(manifest.utf8), mediaType: "application/vnd.oci.image.manifest.v1+json",
                     extra: #","platform":{"os":"\#(platform.0)","architecture":"\#(platform.1)"}"#), [config] + layerBlobs)
    }

    static func blobEntries(_ blobs: [Blob]) -> [Tar.Entry] {
        blobs.map { .bytes("blobs/sha256/" + $0.digest.dropFirst(7), $0.data) }
    }

    /// An OCI layout whose index.json lists `top` (a manifest or an index).
    static func layout(index descriptors: [String], blobs: [Blob]) -> [Tar.Entry] {
        [.file("oci-layout", #"{"imageLayoutVersion":"1.0.0"}"#),
         .file("index.json", #"{"schemaVersion":2,"manifests":[\#(descriptors.joined(separator: ","))]}"#)] + blobEntries(blobs)
    }

    func ociLayout(refName: String = "latest") -> [Tar.Entry] {
        let (manifest, blobs) = self.manifest()
        let annotated = String(manifest.descriptor.dropLast()) + #","annotations":{"org.opencontainers.image.ref.name":"\#(refName)"}}"#
        return Self.layout(index: [annotated], blobs: [manifest] + blobs)
    }

    /// Legacy `docker save`: uncompressed `<id>/layer.tar` files and a manifest.json.
    func legacyDockerArchive(tag: String) -> [Tar.Entry] {
        let diffIDs = layers.map { "\"\(sha256($0))\"" }.joined(separator: ",")
        let config = Array(#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[\#(diffIDs)]}}"#.utf8)
        let configName = String(sha256(config).dropFirst(7)) + ".json"
        let layerPaths = layers.indices.map { "layer\($0)/layer.tar" }
        let manifest = #"[{"Config":"\#(configName)","RepoTags":["\#(tag)"],"Layers":[\#(layerPaths.map { "\"\($0)\"" }.joined(separator: ","))]}]"#
        return [.file("manifest.json", manifest), .bytes(configName, config)]
            + zip(layerPaths, layers).map { .bytes($0, $1) }
    }
}

/// A scratch folder for tests that need files on disk; removed by the caller.
func scratchFolder() throws -> String {
    let path = NSTemporaryDirectory() + "eksguard-image-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}
