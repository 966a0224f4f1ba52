import EKSGuardCore
import Foundation
@testable import KubernetesAudit
import Testing

@Suite struct YAMLInputTests {
    func parse(_ text: String, limits: YAMLLimits = .standard) -> [ParsedDocument] {
        limits.parseDocuments(Array(text.utf8))
    }

    @Test func positionsPointAtFields() throws {
        let docs = parse("a: 1\nspec:\n  containers:\n  - name: x\n    image: y\n")
        let root = try #require(try docs.first?.result.get())
        let image = try #require(root["spec"]?["containers"]?.items?.first?["image"])
        #expect(image.position == SourcePosition(line: 5, column: 12))
    }

    @Test func brokenDocumentDoesNotHideTheNext() {
        let docs = parse("a: [1\n---\nb: 2\n")
        #expect(docs.count == 2)
        if case .failure(let error) = docs[0].result { #expect(error.position.line <= 2) } else { Issue.record("expected an error") }
        #expect((try? docs[1].result.get())?["b"]?.string == "2")
    }

    @Test func aliasBombStopsAtTheBudget() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        let docs = parse(text)
        guard case .failure(let error) = docs.first?.result else { Issue.record("alias bomb accepted"); return }
        #expect(error.message.contains("alias"))
    }

    @Test func deepNestingIsRefused() {
        let depth = 10_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        guard case .failure(let error) = parse(text).first?.result else { Issue.record("deep nesting accepted"); return }
        #expect(error.message.contains("nesting"))
    }

    @Test func mergeKeysAndLastWinsDuplicates() throws {
        let docs = parse("base: &b {privileged: true, x: 1}\nc:\n  <<: *b\n  x: 2\nd: 1\nd: 2\n")
        let root = try #require(try docs.first?.result.get())
        #expect(root["c"]?["privileged"]?.scalar?.bool == true)
        #expect(root["c"]?["x"]?.string == "2")
        #expect(root["d"]?.string == "2")
    }

    @Test func yamlOneOneBooleansAndQuotedStrings() throws {
        let root = try #require(try parse("a: yes\nb: \"true\"\nc: off\nd: 0x10\ne: 010\n").first?.result.get())
        #expect(root["a"]?.scalar?.bool == true)
        #expect(root["b"]?.scalar?.bool == nil)
        #expect(root["c"]?.scalar?.bool == false)
        #expect(root["d"]?.scalar?.int == 16)
        #expect(root["e"]?.scalar?.int == 8)
    }

    @Test func jsonWithTabsIsRead() throws {
        let docs = YAMLLimits.standard.parseDocuments(Array("{\n\t\"kind\": \"Pod\",\n\t\"apiVersion\": \"v1\"\n}".utf8), isJSON: true)
        #expect(try docs.first?.result.get()["kind"]?.string == "Pod")
    }

    @Test func binaryAndOversizedFilesAreRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eksguard-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = folder.appendingPathComponent("bin.yaml")
        try Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 1]).write(to: binary)
        let big = folder.appendingPathComponent("big.yaml")
        try Data(repeating: 0x61, count: 2 << 20).write(to: big)
        let reader = ManifestScan.inputFiles(maxFileBytes: 1 << 20)
        guard case .failure(let binaryError) = reader.read(binary.path) else { Issue.record("binary accepted"); return }
        #expect(binaryError.reason.contains("binary"))
        guard case .failure(let bigError) = reader.read(big.path) else { Issue.record("big file accepted"); return }
        #expect(bigError.reason.contains("limit"))
    }

    @Test func symlinkLoopsDoNotTrapTheWalk() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eksguard-walk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("sub/loop").path, withDestinationPath: folder.path)
        try "kind: Pod".write(to: folder.appendingPathComponent("sub/a.yaml"), atomically: true, encoding: .utf8)
        let files = try ManifestScan.inputFiles().expand([folder.path])
        #expect(files.count == 1)
    }
}
