/// What one layer contributes: the wanted files it holds and what it deletes from the layers below.
struct LayerContent: Sendable {
    var files: [String: [UInt8]] = [:]
    /// Wanted paths that this layer turns into something other than a regular file (folder, symlink).
    var replaced: Set<String> = []
    var tools: Set<String> = []
    var whiteouts: [String] = []
    var opaqueFolders: [String] = []
    var entries = 0
    var uncompressedBytes = 0
}

/// Limits that keep hostile images from exhausting time, memory or disk.
public struct ScanLimits: Sendable {
    /// Decompressed bytes per layer (a gzip bomb stops here).
    public var maximumLayerBytes: Int = 32 << 30
    public var maximumEntriesPerLayer = 2_000_000
    public var maximumLayers = 256
    /// Manifests, indexes, configs and other JSON documents.
    public var maximumMetadataBytes = 8 << 20
    /// Nested image indexes followed at most this deep.
    public var maximumIndexDepth = 4
    public init() {}
}

enum LayerReader {
    /// Streams one layer tar: wanted files are kept, everything else is skipped.
    static func read(_ source: some ByteSource, name: String, limits: ScanLimits) throws -> LayerContent {
        var tar = TarReader(CountingSource(inner: source, limit: limits.maximumLayerBytes, name: name), name: name)
        var layer = LayerContent()
        while let entry = try tar.next() {
            layer.entries += 1
            guard layer.entries <= limits.maximumEntriesPerLayer else {
                throw ImageScanError.limitExceeded(source: name, limit: "\(limits.maximumEntriesPerLayer) entries per layer")
            }
            guard let path = cleanPath(entry.path) else { continue }
            let (folder, base) = split(path)
            if base.hasPrefix(".wh.") {
                if base == ".wh..wh..opq" {
                    layer.opaqueFolders.append(folder)
                } else {
                    layer.whiteouts.append(folder.isEmpty ? String(base.dropFirst(4)) : folder + "/" + base.dropFirst(4))
                }
                continue
            }
            if ImageFiles.notes(path), entry.kind != .directory { layer.tools.insert(path) }
            guard ImageFiles.wants(path) else { continue }
            switch entry.kind {
            case .file:
                let limit = ImageFiles.sizeLimit(for: path)
                guard entry.size <= limit else {
                    throw ImageScanError.limitExceeded(source: "\(name): \(path)", limit: "\(limit) bytes")
                }
                layer.files[path] = try tar.readContent()
                layer.replaced.remove(path)
            case .hardLink:
                // A hard link shares the content of an earlier entry of the same layer.
                if let target = cleanPath(entry.linkTarget), let data = layer.files[target] {
                    layer.files[path] = data
                } else {
                    layer.files[path] = nil
                    layer.replaced.insert(path)
                }
            default:
                layer.files[path] = nil
                layer.replaced.insert(path)
            }
        }
        layer.uncompressedBytes = tar.bytesRead
        // The end-of-archive marker may come before the end of the stream; what follows is read too,
        // so the digests of the whole blob are checked and the counted size is the real one.
        layer.uncompressedBytes += try tar.drain()
        return layer
    }

    /// Relative, normalised path; nil for the root itself. `..` cannot climb above the root, and a
    /// leading `/` is ignored: archive paths never leave the image.
    static func cleanPath(_ raw: String) -> String? {
        var parts: [Substring] = []
        for part in raw.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    static func split(_ path: String) -> (folder: String, base: Substring) {
        guard let slash = path.lastIndex(of: "/") else { return ("", Substring(path)) }
        return (String(path[..<slash]), path[path.index(after: slash)...])
    }
}

/// Stops a stream that decompresses to more than the limit.
struct CountingSource<Inner: ByteSource>: ByteSource {
    var inner: Inner
    let limit: Int
    let name: String
    private(set) var total = 0

    init(inner: Inner, limit: Int, name: String) {
        self.inner = inner
        self.limit = limit
        self.name = name
    }

    mutating func next() throws -> [UInt8]? {
        guard let chunk = try inner.next() else { return nil }
        total += chunk.count
        guard total <= limit else { throw ImageScanError.limitExceeded(source: name, limit: "\(limit) decompressed bytes") }
        return chunk
    }
}

extension ImageFiles {
    /// Applies a layer on top of the files so far: its deletions hit only lower layers, then its own
    /// files are added.
    mutating func apply(_ layer: LayerContent, index: Int) {
        for folder in layer.opaqueFolders { remove(under: folder, keepingFolder: true) }
        for path in layer.whiteouts { remove(under: path, keepingFolder: false) }
        for path in layer.replaced {
            files[path] = nil
            tools.remove(path)
        }
        for (path, data) in layer.files { files[path] = File(data: data, layer: index) }
        tools.formUnion(layer.tools)
    }

    private mutating func remove(under path: String, keepingFolder: Bool) {
        let prefix = path.isEmpty ? "" : path + "/"
        let matches: (String) -> Bool = { ($0.hasPrefix(prefix)) || (!keepingFolder && $0 == path) }
        for key in files.keys where matches(key) { files[key] = nil }
        tools = tools.filter { !matches($0) }
    }
}
