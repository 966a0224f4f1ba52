import Foundation

/// The JSON documents of the OCI image spec and Docker's image formats that the scanner reads.
struct Descriptor: Decodable, Sendable {
    struct Platform: Decodable, Sendable {
        var architecture: String
        var os: String
        var variant: String?
    }
    var mediaType: String?
    var digest: String
    var size: Int64?
    var platform: Platform?
    var annotations: [String: String]?

    var isAttestation: Bool {
        annotations?["vnd.docker.reference.type"] == "attestation-manifest"
            || (platform?.os == "unknown" && platform?.architecture == "unknown")
    }
}

/// An image index or a manifest; which one is told by the media type or, when absent, by the keys.
struct ManifestDocument: Decodable, Sendable {
    var schemaVersion: Int?
    var mediaType: String?
    var manifests: [Descriptor]?
    var config: Descriptor?
    var layers: [Descriptor]?

    var isIndex: Bool {
        if let mediaType { return mediaType.hasSuffix("index.v1+json") || mediaType.hasSuffix("manifest.list.v2+json") }
        return manifests != nil && config == nil
    }
}

struct ImageConfigDocument: Decodable, Sendable {
    struct RootFS: Decodable, Sendable {
        var type: String?
        var diff_ids: [String]?
    }
    struct History: Decodable, Sendable {
        var created_by: String?
        var empty_layer: Bool?
    }
    var architecture: String?
    var os: String?
    var variant: String?
    var rootfs: RootFS?
    var history: [History]?
}

/// One entry of a `docker save` manifest.json.
struct DockerArchiveEntry: Decodable, Sendable {
    var Config: String
    var RepoTags: [String]?
    var Layers: [String]
}

enum ImageDocuments {
    static func decode<T: Decodable>(_ type: T.Type, _ data: [UInt8], name: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(data))
        } catch {
            throw ImageScanError.invalidImage(source: name, reason: "not a valid \(T.self): \(error)")
        }
    }

    /// `sha256:<64 hex>` (or sha512): the only digests we accept, so they are safe in blob paths.
    static func validated(_ digest: String, name: String) throws -> (algorithm: String, hex: String) {
        let parts = digest.split(separator: ":", maxSplits: 1).map(String.init)
        let lengths = ["sha256": 64, "sha512": 128]
        guard parts.count == 2, let length = lengths[parts[0]], parts[1].count == length,
              parts[1].utf8.allSatisfy({ ASCII.isDigit($0) || ($0 >= 0x61 && $0 <= 0x66) }) else {
            throw ImageScanError.invalidImage(source: name, reason: "invalid digest \"\(digest)\"")
        }
        return (parts[0], parts[1])
    }

    static let layerMediaTypes: Set<String> = [
        "application/vnd.oci.image.layer.v1.tar", "application/vnd.oci.image.layer.v1.tar+gzip",
        "application/vnd.oci.image.layer.v1.tar+zstd", "application/vnd.docker.image.rootfs.diff.tar.gzip",
        "application/vnd.docker.image.rootfs.diff.tar",
    ]
    static let configMediaTypes: Set<String> = [
        "application/vnd.oci.image.config.v1+json", "application/vnd.docker.container.image.v1+json",
    ]
}
