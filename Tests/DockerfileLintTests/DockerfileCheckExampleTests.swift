@testable import DockerfileLint
import EKSGuardCore
import Foundation
import Testing

/// One documented example of one Dockerfile rule, run as a test case of its own.
struct DockerfileExampleCase: CustomTestStringConvertible, Sendable {
    var metadata: CheckMetadata
    var descriptor: CheckDescriptor<DockerfileSubject, DockerfileContext>?
    var passing: Bool
    var index: Int
    var example: CheckExample

    var testDescription: String { "\(metadata.id) \(passing ? "passing" : "failing") #\(index + 1)" }
    var sourceLocation: SourceLocation {
        SourceLocation(fileID: "DockerfileLint/\(metadata.id)", filePath: example.sourceFile, line: example.sourceLine, column: 1)
    }

    /// Every example of every registered rule; `EKSGUARD_CHECK=EKS-DKR-3008` focuses on one.
    static let all: [DockerfileExampleCase] = {
        let focus = ProcessInfo.processInfo.environment["EKSGUARD_CHECK"].flatMap { $0.isEmpty ? nil : $0 }
        let checks = DockerfileCatalog.entries.map { ($0.metadata, Optional($0.descriptor)) } + [(DockerfileCatalog.inputCheck, nil)]
        var cases: [DockerfileExampleCase] = []
        for (metadata, descriptor) in checks where focus == nil || focus == metadata.id {
            for (i, e) in metadata.passing.enumerated() { cases.append(.init(metadata: metadata, descriptor: descriptor, passing: true, index: i, example: e)) }
            for (i, e) in metadata.failing.enumerated() { cases.append(.init(metadata: metadata, descriptor: descriptor, passing: false, index: i, example: e)) }
        }
        return cases
    }()

    /// Example options become `.hadolint.yaml` settings (`trustedRegistries: a,b`, `label-schema: k=v,…`, `strict-labels: true`).
    var context: DockerfileContext {
        var config = HadolintConfig()
        if let registries = example.options["trustedRegistries"] { config.trustedRegistries = registries.split(separator: ",").map(String.init) }
        if let schema = example.options["label-schema"] {
            for pair in schema.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                config.labelSchema[parts[0]] = parts.count > 1 ? parts[1] : "text"
            }
        }
        config.strictLabels = example.options["strict-labels"] == "true"
        return DockerfileContext(config: config)
    }

    /// (status, line) of every finding: the rule's, or for the input check, the parse error.
    func findings() -> [(CheckStatus, Int?)] {
        do {
            let dockerfile = try Dockerfile.parse(example.input)
            guard let descriptor else { return [] }
            return descriptor.evaluate(DockerfileSubject(file: "Dockerfile", dockerfile: dockerfile), context)
                .map { ($0.status, $0.resource.line) }
        } catch {
            return [(.error, error.line)]
        }
    }
}

@Suite struct DockerfileCheckExampleTests {
    @Test(arguments: DockerfileExampleCase.all)
    func exampleBehavesAsDocumented(_ c: DockerfileExampleCase) {
        let findings = c.findings()
        let bad = findings.filter { $0.0 == .fail || $0.0 == .error }
        if c.passing {
            #expect(bad.isEmpty, "expected no finding, got lines \(bad.map { $0.1 ?? 0 })", sourceLocation: c.sourceLocation)
            return
        }
        let matching = findings.filter { $0.0 == c.example.expectedStatus || ($0.0 == .error && c.descriptor == nil) }
        #expect(!matching.isEmpty, "expected a finding, got none", sourceLocation: c.sourceLocation)
        let lines = Set(matching.compactMap(\.1).map(String.init))
        for expected in c.example.expect {
            #expect(lines.contains(expected), "expected a finding on line \(expected), found \(lines.sorted())", sourceLocation: c.sourceLocation)
        }
    }

    @Test func catalogInvariants() throws {
        let all = DockerfileCatalog.metadata
        #expect(Set(all.map(\.id)).count == all.count, "duplicate IDs")
        let pattern = try Regex("^EKS-DKR-[0-9]{3,4}$")
        for check in all {
            #expect(check.id.wholeMatch(of: pattern) != nil, "bad ID \(check.id)")
            #expect(check.practice == .dockerfileLint, "\(check.id) practice")
            #expect(!check.passing.isEmpty && !check.failing.isEmpty, "\(check.id) needs both kinds of examples")
            #expect(check.rationale.hasSuffix(".") && check.remediation.hasSuffix("."), "\(check.id) text must be sentences")
        }
        let codes = DockerfileCatalog.entries.compactMap(\.hadolintCode)
        #expect(Set(codes).count == codes.count, "two checks claim one hadolint code")
    }

    /// Every `*Check.swift` under Sources/DockerfileLint/Checks is registered in a catalog list.
    @Test func everyCheckFileIsRegistered() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Sources/DockerfileLint/Checks")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let catalogs = try files.filter { $0.hasPrefix("Catalog+") }
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }.joined()
        for file in files where file.hasSuffix("Check.swift") && file != "DockerfileCheck.swift" {
            let type = String(file.dropLast(".swift".count))
            #expect(catalogs.contains("Entry(\(type)())"), "\(type) is not registered")
        }
    }
}
