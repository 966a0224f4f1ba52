import Foundation
@testable import ImageScan
import Testing

/// One image built by other tools (umoci's OCI layout, skopeo's docker-archive, oci-archive and registry push;
/// scripts/services/tool-images.sh), read every way: the same two packages each time, the second layer's
/// whiteout applied.
@Suite struct ToolImageTests {
    static func folder() throws -> String { try RegistryTests.environment("EKSGUARD_TOOL_IMAGES") }

    static func check(_ inventory: ImageInventory, _ source: String) {
        #expect(inventory.os?.family == .debian && inventory.os?.release == "12", "\(source): \(String(describing: inventory.os))")
        #expect(inventory.packages.map(\.name).sorted() == ["base-files", "libssl3"], "\(source): zlib1g is deleted by layer 2")
        #expect(inventory.packages.first { $0.name == "libssl3" }?.sourceName == "openssl", "\(source)")
        #expect(inventory.layers.count == 2, "\(source): \(inventory.layers.count) layers")
    }

    @Test func umociLayout() async throws {
        let image = try ImageLayouts.ociFolder(path: try Self.folder() + "/layout", reference: "tiny", platform: nil)
        Self.check(try await ImageLoader.inventory(of: image), "umoci layout")
    }

    @Test(arguments: ["docker.tar", "oci.tar"])
    func skopeoArchive(_ name: String) async throws {
        let image = try ImageLayouts.archive(path: try Self.folder() + "/" + name, reference: nil, platform: nil)
        Self.check(try await ImageLoader.inventory(of: image), "skopeo \(name)")
    }

    @Test func skopeoPush() async throws {
        Self.check(try await RegistryTests.pull(try RegistryTests.environment("EKSGUARD_TOOL_IMAGE_REF")), "registry")
    }
}
