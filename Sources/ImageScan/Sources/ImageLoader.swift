import Foundation

/// What the scan learns about an image: its OS, its packages and where each came from.
public struct ImageInventory: Sendable {
    public struct Layer: Sendable {
        public var digest: String?
        public var diffID: String?
        public var size: Int64
        public var uncompressedSize: Int
        public var createdBy: String?
    }
    public var name: String
    public var os: OperatingSystem?
    public var packages: [InstalledPackage]
    public var layers: [Layer]
    public var tools: Set<String>
    public var architecture: String?
}

public enum ImageLoader {
    public typealias Progress = @Sendable (String) -> Void

    /// Reads every layer (at most `parallelism` at once), applies them in order and takes the inventory.
    public static func inventory(of image: ResolvedImage, limits: ScanLimits = ScanLimits(),
                                 parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
                                 progress: Progress? = nil) async throws -> ImageInventory {
        let label = image.origin.map { $0 == image.name ? $0 : "\(image.name) (\($0))" } ?? image.name
        let contents = try await withThrowingTaskGroup(of: (Int, LayerContent).self) { group in
            var results = [LayerContent?](repeating: nil, count: image.layers.count)
            var next = 0
            func start() {
                guard next < image.layers.count else { return }
                let index = next, layer = image.layers[index], count = image.layers.count
                next += 1
                group.addTask {
                    progress?("layer \(index + 1)/\(count) \(layer.digest ?? layer.diffID ?? "") (\(layer.size) bytes)")
                    return (index, try read(layer, index: index, image: label, limits: limits))
                }
            }
            for _ in 0..<max(1, parallelism) { start() }
            while let (index, content) = try await group.next() {
                results[index] = content
                start()
            }
            return results.map { $0! }
        }
        var files = ImageFiles()
        var history: [(layer: Int, path: String, data: [UInt8])] = []
        for (index, content) in contents.enumerated() {
            files.apply(content, index: index)
            for (path, data) in content.files where !ImageFiles.releasePaths.contains(path) { history.append((index, path, data)) }
        }
        var packages = try PackageInventory.read(files)
        attributeLayers(&packages, history: history)
        let layers = zip(image.layers, contents).map { blob, content in
            ImageInventory.Layer(digest: blob.digest, diffID: blob.diffID, size: blob.size,
                                 uncompressedSize: content.uncompressedBytes, createdBy: blob.createdBy)
        }
        return ImageInventory(name: image.name, os: OSDetector.detect(files), packages: packages, layers: layers,
                              tools: files.tools, architecture: image.architecture)
    }

    /// A root filesystem folder: one pseudo-layer.
    public static func inventory(ofRoot root: String) throws -> ImageInventory {
        let files = try RootFilesystem.read(root: root)
        return ImageInventory(name: root, os: OSDetector.detect(files), packages: try PackageInventory.read(files),
                              layers: [], tools: files.tools, architecture: nil)
    }

    static func read(_ layer: LayerBlob, index: Int, image: String, limits: ScanLimits) throws -> LayerContent {
        let name = "\(image): layer \(index + 1)"
        if let digest = layer.digest, layer.size > 0, layer.size <= WholeLayer.maximumBlobBytes {
            var raw = try layer.open()
            var blob = try raw.readAll(limit: Int(layer.size), name: name, expectedSize: Int(layer.size))
            let pending = WholeLayer.PendingDigest(blob, expected: digest, name: name)
            // The tar is parsed while the digest is still being computed (the parser is built for hostile
            // input anyway), but nothing it read is used unless the digest matches.
            let content: LayerContent
            // Through AnySource: a LayerReader specialised for MemorySource crashes the 6.3.1 optimiser.
            if let inflated = try WholeLayer.gunzip(blob, name: name, limit: limits.maximumLayerBytes) {
                blob = []  // the compressed copy is not needed while the tar is parsed
                content = try LayerReader.read(AnySource(MemorySource(inflated)), name: name, limits: limits)
            } else {
                try pending.verify()
                content = try LayerReader.read(AnySource(decompressed(MemorySource(blob), name: name)), name: name, limits: limits)
            }
            try pending.verify()
            return content
        }
        var source = AnySource(try layer.open())
        if let digest = layer.digest { source = AnySource(VerifyingSource(source, digest: digest, name: name)) }
        var tar = AnySource(try decompressed(source, name: name))
        // A verified blob digest already authenticates the content (and the config naming the diff_ids is
        // itself verified); hashing the uncompressed stream again would double the hashing cost. Legacy
        // `docker save` layers have no blob digest, so their diff_id is checked instead.
        if layer.digest == nil, let diffID = layer.diffID {
            tar = AnySource(VerifyingSource(tar, digest: diffID, name: "\(name) (uncompressed)"))
        }
        return try LayerReader.read(tar, name: name, limits: limits)
    }

    /// A package belongs to the lowest layer whose database already listed it with the same version,
    /// as long as it was not dropped in between (the layer that introduced it, not the last to rewrite
    /// the database).
    static func attributeLayers(_ packages: inout [InstalledPackage], history: [(layer: Int, path: String, data: [UInt8])]) {
        var firstSeen: [[String]: Int] = [:]
        for entry in history.sorted(by: { $0.layer < $1.layer }) {
            var single = ImageFiles()
            single.files[entry.path] = .init(data: entry.data, layer: entry.layer)
            guard let found = try? PackageInventory.read(single) else { continue }
            for package in found {
                let key = [package.kind.rawValue, package.name, package.architecture, package.version]
                if firstSeen[key] == nil { firstSeen[key] = entry.layer }
            }
        }
        for index in packages.indices {
            let key = [packages[index].kind.rawValue, packages[index].name, packages[index].architecture, packages[index].version]
            if let layer = firstSeen[key], layer < packages[index].layer { packages[index].layer = layer }
        }
    }
}
