@testable import ClusterAudit
import EKSGuardCore
import Foundation
import Testing

/// One documented example of one cluster check, run as a test case of its own.
struct ClusterExampleCase: CustomTestStringConvertible, Sendable {
    var descriptor: CheckDescriptor<ClusterFacts, AuditContext>
    var passing: Bool
    var index: Int
    var example: CheckExample

    var metadata: CheckMetadata { descriptor.metadata }
    var testDescription: String { "\(metadata.id) \(passing ? "passing" : "failing") #\(index + 1)" }
    var sourceLocation: SourceLocation {
        SourceLocation(fileID: "ClusterAudit/\(metadata.id)", filePath: example.sourceFile, line: example.sourceLine, column: 1)
    }

    /// Every example of every cluster check; `EKSGUARD_CHECK=EKS-LOG-001` focuses on one check.
    static let all: [ClusterExampleCase] = {
        let focus = ProcessInfo.processInfo.environment["EKSGUARD_CHECK"].flatMap { $0.isEmpty ? nil : $0 }
        var cases: [ClusterExampleCase] = []
        for descriptor in AuditCatalog.checks where focus == nil || focus == descriptor.metadata.id {
            for (i, e) in descriptor.metadata.passing.enumerated() { cases.append(.init(descriptor: descriptor, passing: true, index: i, example: e)) }
            for (i, e) in descriptor.metadata.failing.enumerated() { cases.append(.init(descriptor: descriptor, passing: false, index: i, example: e)) }
        }
        return cases
    }()

    /// Examples run on 2026-11-01 unless they set `now` (ISO 8601); other options become settings.
    var context: AuditContext {
        var settings = example.options
        let now = settings.removeValue(forKey: "now").flatMap { ISO8601DateFormatter().date(from: $0) }
        return AuditContext(now: now ?? ISO8601DateFormatter().date(from: "2026-11-01T00:00:00Z")!, settings: settings)
    }
}

@Suite struct ClusterCheckExampleTests {
    @Test(arguments: ClusterExampleCase.all)
    func exampleBehavesAsDocumented(_ c: ClusterExampleCase) throws {
        let facts = try ExampleFacts.facts(c.example.input)
        let findings = c.descriptor.evaluate(facts, c.context)
        #expect(!findings.isEmpty, "a cluster check reports every verdict, passes included", sourceLocation: c.sourceLocation)
        let bad = findings.filter { $0.status == .fail || $0.status == .error }
        if c.passing {
            #expect(bad.isEmpty, "expected no failure, got: \(bad.map(\.message))", sourceLocation: c.sourceLocation)
            return
        }
        let matching = findings.filter { $0.status == c.example.expectedStatus }
        #expect(
            !matching.isEmpty, "expected a \(c.example.expectedStatus) result, got: \(findings.map { "\($0.status) \($0.message)" })",
            sourceLocation: c.sourceLocation)
        let flagged = Set(matching.flatMap { [$0.resource.field, $0.resource.displayName, $0.resource.arn].compactMap { $0 } })
        for expected in c.example.expect {
            #expect(flagged.contains(expected), "expected a finding at \(expected), found \(flagged.sorted())", sourceLocation: c.sourceLocation)
        }
        for finding in findings where finding.status == .error {
            #expect(!finding.message.isEmpty, "an error says why", sourceLocation: c.sourceLocation)
        }
    }
}

@Suite struct AuditCatalogTests {
    let all = AuditCatalog.metadata

    @Test func idsAreUniqueAndEveryCheckHasExamplesAndSentences() {
        #expect(Set(all.map(\.id)).count == all.count)
        for check in all {
            #expect(!check.passing.isEmpty, "\(check.id) has no passing example")
            #expect(!check.failing.isEmpty, "\(check.id) has no failing example")
            #expect(check.rationale.hasSuffix("."), "\(check.id) rationale is not a sentence")
            #expect(check.remediation.hasSuffix(".") || check.remediation.hasSuffix("'"), "\(check.id) remediation is not a sentence")
            #expect(check.id.hasPrefix("EKS-"))
        }
    }

    /// References name the standard or tool they come from, spelled one way.
    @Test func referencesAreNamespaced() {
        let namespaces: Set = [
            "CIS-EKS-1.2.0", "CIS-EKS-1.5.0", "CIS-EKS-1.7.0", "CIS-EKS-1.8.0", "prowler", "kubescape", "checkov", "trivy",
            "securityhub", "bpg", "gatekeeper", "kyverno", "kube-linter",
        ]
        for check in all {
            for reference in check.references {
                let namespace = reference.split(separator: ":").first.map(String.init) ?? ""
                #expect(namespaces.contains(namespace) && reference.count > namespace.count + 1, "\(check.id): \(reference)")
            }
        }
    }

    /// A cluster check without an example of missing data could pass on nothing.
    @Test func everyCheckShowsAnErrorOnMissingData() {
        for check in all {
            #expect(check.failing.contains { $0.expectedStatus == .error }, "\(check.id) has no example with missing data")
        }
    }

    /// Every `*Check.swift` file under Sources/ClusterAudit/Checks is registered in the catalog.
    @Test func everyCheckFileIsRegistered() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Sources/ClusterAudit")
        let catalog = try String(contentsOf: folder.appendingPathComponent("Catalog/AuditCatalog.swift"), encoding: .utf8)
        let enumerator = FileManager.default.enumerator(atPath: folder.appendingPathComponent("Checks").path)
        while let file = enumerator?.nextObject() as? String {
            let name = (file as NSString).lastPathComponent
            guard name.hasSuffix("Check.swift"), name != "ClusterCheck.swift" else { continue }
            let type = String(name.dropLast(".swift".count))
            #expect(catalog.contains("CheckDescriptor(\(type)())"), "\(type) is not registered")
        }
    }
}
