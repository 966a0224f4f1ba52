/// A layer to read: where its bytes come from and what they must hash to.
public struct LayerBlob: Sendable {
    /// Digest of the stored (possibly compressed) blob; nil for legacy `docker save` layers.
    public var digest: String?
    /// Digest of the uncompressed tar, from the image config.
    public var diffID: String?
    public var mediaType: String?
    public var size: Int64
    /// What built the layer (the config's history), when recorded.
    public var createdBy: String?
    let open: @Sendable () throws -> any ByteSource
}

/// An image resolved to its config and ordered layers (base first), ready to be read.
public struct ResolvedImage: Sendable {
    public var name: String
    /// The archive or folder the image was found in, named in errors next to the image's own name.
    public var origin: String? = nil
    public var os: String?
    public var architecture: String?
    public var layers: [LayerBlob]
}

/// Where blobs and documents of an image are read from: a folder or an uncompressed tar.
protocol BlobStore: Sendable {
    var name: String { get }
    func contains(_ path: String) -> Bool
    func read(_ path: String, limit: Int) throws -> [UInt8]
    func open(_ path: String) throws -> (source: any ByteSource, size: Int64)
}

extension BlobStore {
    func blobPath(_ digest: String) throws -> String {
        let (algorithm, hex) = try ImageDocuments.validated(digest, name: name)
        return "blobs/\(algorithm)/\(hex)"
    }

    /// A JSON document addressed by digest, verified against it.
    func document(_ descriptor: Descriptor, limits: ScanLimits) throws -> [UInt8] {
        let path = try blobPath(descriptor.digest)
        guard contains(path) else { throw ImageScanError.invalidImage(source: name, reason: "blob \(descriptor.digest) is missing") }
        var source = VerifyingSource(MemorySource(try read(path, limit: limits.maximumMetadataBytes)), digest: descriptor.digest, name: "\(name): \(path)")
        return try source.readAll(limit: limits.maximumMetadataBytes, name: "\(name): \(path)")
    }
}

/// Image metadata shared by the layouts: config document → layer blobs.
enum ImageAssembly {
    static func layers(store: any BlobStore, config: ImageConfigDocument, paths: [(path: String, descriptor: Descriptor?)],
                       limits: ScanLimits) throws -> [LayerBlob] {
        guard paths.count <= limits.maximumLayers else {
            throw ImageScanError.limitExceeded(source: store.name, limit: "\(limits.maximumLayers) layers")
        }
        let diffIDs = config.rootfs?.diff_ids ?? []
        guard diffIDs.isEmpty || diffIDs.count == paths.count else {
            throw ImageScanError.invalidImage(source: store.name, reason: "config lists \(diffIDs.count) layers, manifest \(paths.count)")
        }
        let history = (config.history ?? []).filter { $0.empty_layer != true }.map(\.created_by)
        return try paths.enumerated().map { index, entry in
            if let mediaType = entry.descriptor?.mediaType, !ImageDocuments.layerMediaTypes.contains(mediaType) {
                throw ImageScanError.invalidImage(source: store.name, reason: "layer \(index + 1) has unsupported media type \(mediaType)")
            }
            guard store.contains(entry.path) else {
                throw ImageScanError.invalidImage(source: store.name, reason: "layer \(index + 1) (\(entry.path)) is not in the image")
            }
            let path = entry.path
            let (_, size) = try store.open(path)
            return LayerBlob(
                digest: entry.descriptor?.digest, diffID: diffIDs.isEmpty ? nil : diffIDs[index],
                mediaType: entry.descriptor?.mediaType, size: size,
                createdBy: history.count == paths.count ? history[index] : nil,
                open: { try store.open(path).source })
        }
    }
}
