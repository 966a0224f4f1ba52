/// Resolves `docker save` archives and OCI image layouts (folder or tar) to an image.
public enum ImageLayouts {
    /// A tar file: `docker save` output (legacy or OCI-in-tar) or an OCI layout packed as tar.
    public static func archive(path: String, reference: String?, platform: String?, limits: ScanLimits = ScanLimits()) throws -> ResolvedImage {
        let store = try TarStore(path: path, limits: limits)
        if store.contains("manifest.json") {
            return try dockerArchive(store: store, reference: reference, limits: limits)
        }
        if store.contains("index.json") {
            return try ociLayout(store: store, reference: reference, platform: platform, limits: limits)
        }
        throw ImageScanError.invalidImage(source: path, reason: "neither a docker-archive (manifest.json) nor an OCI layout (index.json)")
    }

    public static func ociFolder(path: String, reference: String?, platform: String?, limits: ScanLimits = ScanLimits()) throws -> ResolvedImage {
        let store = FolderStore(root: path)
        guard store.contains("index.json") else {
            throw ImageScanError.invalidImage(source: path, reason: "not an OCI image layout (no index.json)")
        }
        return try ociLayout(store: store, reference: reference, platform: platform, limits: limits)
    }

    static func dockerArchive(store: any BlobStore, reference: String?, limits: ScanLimits) throws -> ResolvedImage {
        let entries = try ImageDocuments.decode([DockerArchiveEntry].self, store.read("manifest.json", limit: limits.maximumMetadataBytes),
                                                name: "\(store.name): manifest.json")
        let entry: DockerArchiveEntry
        if let reference {
            let wanted = [reference, reference + ":latest"]
            guard let match = entries.first(where: { ($0.RepoTags ?? []).contains(where: wanted.contains) }) else {
                let tags = entries.flatMap { $0.RepoTags ?? [] }
                throw ImageScanError.invalidImage(source: store.name, reason: "no image tagged \(reference) (tags: \(tags.joined(separator: ", ")))")
            }
            entry = match
        } else {
            guard let first = entries.first else { throw ImageScanError.invalidImage(source: store.name, reason: "manifest.json lists no image") }
            entry = first
        }
        let configPath = try clean(entry.Config, store: store)
        var config = try store.read(configPath, limit: limits.maximumMetadataBytes)
        if let digest = digest(fromBlobPath: configPath) {
            var verifying = VerifyingSource(MemorySource(config), digest: digest, name: "\(store.name): \(configPath)")
            config = try verifying.readAll(limit: limits.maximumMetadataBytes, name: configPath)
        }
        let document = try ImageDocuments.decode(ImageConfigDocument.self, config, name: "\(store.name): \(configPath)")
        let paths = try entry.Layers.map { layer -> (path: String, descriptor: Descriptor?) in
            let path = try clean(layer, store: store)
            return (path, digest(fromBlobPath: path).map { Descriptor(digest: $0) })
        }
        let layers = try ImageAssembly.layers(store: store, config: document, paths: paths, limits: limits)
        return ResolvedImage(name: entry.RepoTags?.first ?? store.name, origin: store.name, os: document.os,
                             architecture: document.architecture, layers: layers)
    }

    private static func clean(_ path: String, store: any BlobStore) throws -> String {
        guard let clean = LayerReader.cleanPath(path) else { throw ImageScanError.invalidImage(source: store.name, reason: "empty path in manifest.json") }
        return clean
    }

    /// `blobs/sha256/<hex>` paths (Docker ≥ 25 archives) carry their digest.
    private static func digest(fromBlobPath path: String) -> String? {
        let parts = path.split(separator: "/")
        guard parts.count == 3, parts[0] == "blobs" else { return nil }
        let digest = "\(parts[1]):\(parts[2])"
        return (try? ImageDocuments.validated(digest, name: "")) != nil ? digest : nil
    }

    static func ociLayout(store: any BlobStore, reference: String?, platform: String?, limits: ScanLimits) throws -> ResolvedImage {
        let index = try ImageDocuments.decode(ManifestDocument.self, store.read("index.json", limit: limits.maximumMetadataBytes),
                                              name: "\(store.name): index.json")
        let wanted = try platform.map(PlatformFilter.init)
        let selection = try select(index.manifests ?? [], reference: reference, platform: wanted, store: store, limits: limits, depth: 0)
        guard let (descriptor, manifest) = selection else {
            var what = reference.map { "an image named \($0)" } ?? "an image"
            if let platform { what += " for \(platform)" }
            throw ImageScanError.invalidImage(source: store.name, reason: "the layout has no \(what)")
        }
        guard let configDescriptor = manifest.config, let layerDescriptors = manifest.layers else {
            throw ImageScanError.invalidImage(source: store.name, reason: "manifest \(descriptor.digest) has no config or layers")
        }
        if let type = configDescriptor.mediaType, !ImageDocuments.configMediaTypes.contains(type) {
            throw ImageScanError.invalidImage(source: store.name, reason: "\(descriptor.digest) is not a container image (config type \(type))")
        }
        let config = try ImageDocuments.decode(ImageConfigDocument.self, store.document(configDescriptor, limits: limits),
                                               name: "\(store.name): config \(configDescriptor.digest)")
        let paths = try layerDescriptors.map { (path: try store.blobPath($0.digest), descriptor: Optional($0)) }
        let layers = try ImageAssembly.layers(store: store, config: config, paths: paths, limits: limits)
        let name = descriptor.annotations?["io.containerd.image.name"] ?? descriptor.annotations?["org.opencontainers.image.ref.name"] ?? store.name
        return ResolvedImage(name: name, origin: store.name, os: config.os, architecture: config.architecture, layers: layers)
    }

    /// Walks the index (and nested indexes) to one image manifest: by reference name or digest, then by
    /// platform (the requested one, else linux/amd64, else the first); attestations are never images.
    private static func select(_ descriptors: [Descriptor], reference: String?, platform: PlatformFilter?, store: any BlobStore,
                               limits: ScanLimits, depth: Int) throws -> (Descriptor, ManifestDocument)? {
        guard depth <= limits.maximumIndexDepth else {
            throw ImageScanError.limitExceeded(source: store.name, limit: "\(limits.maximumIndexDepth) nested indexes")
        }
        var candidates = descriptors.filter { !$0.isAttestation }
        if let reference, depth == 0 {
            candidates = candidates.filter { descriptor in
                let names = [descriptor.annotations?["org.opencontainers.image.ref.name"], descriptor.annotations?["io.containerd.image.name"]]
                    .compactMap { $0 }
                return descriptor.digest == reference || names.contains(reference)
                    || names.contains { reference.hasSuffix(":" + $0) || $0.hasSuffix(":" + reference) }
            }
        }
        let ordered = PlatformFilter.order(candidates, wanted: platform)
        for descriptor in ordered {
            let manifest = try ImageDocuments.decode(ManifestDocument.self, store.document(descriptor, limits: limits),
                                                     name: "\(store.name): \(descriptor.digest)")
            if manifest.isIndex {
                if let found = try select(manifest.manifests ?? [], reference: nil, platform: platform, store: store, limits: limits, depth: depth + 1) {
                    return found
                }
                continue
            }
            if let platform, let declared = descriptor.platform, !platform.matches(declared) { continue }
            return (descriptor, manifest)
        }
        return nil
    }
}

/// `os/arch[/variant]` as given to `--platform`.
struct PlatformFilter {
    var os: String
    var architecture: String
    var variant: String?

    init(_ text: String) throws {
        let parts = text.split(separator: "/").map(String.init)
        guard (2...3).contains(parts.count) else {
            throw ImageScanError.invalidImage(source: "--platform", reason: "expected os/arch[/variant], got \(text)")
        }
        os = parts[0]
        architecture = parts[1]
        variant = parts.count == 3 ? parts[2] : nil
    }

    func matches(_ platform: Descriptor.Platform) -> Bool {
        platform.os == os && platform.architecture == architecture && (variant == nil || platform.variant == variant)
    }

    /// Matching platforms first (or linux/amd64 when none was asked for); descriptors without a platform
    /// stay in the running since a nested index may hold the platform.
    static func order(_ descriptors: [Descriptor], wanted: PlatformFilter?) -> [Descriptor] {
        let preferred = wanted ?? PlatformFilter(os: "linux", architecture: "amd64")
        let matching = descriptors.filter { $0.platform.map(preferred.matches) ?? false }
        let open = descriptors.filter { $0.platform == nil }
        let others = wanted == nil ? descriptors.filter { $0.platform.map { !preferred.matches($0) } ?? false } : []
        return matching + open + others
    }

    private init(os: String, architecture: String) {
        self.os = os
        self.architecture = architecture
    }
}
