import EKSGuardCore
import Foundation
@testable import KubernetesAudit
import Testing

/// One documented example of one check, run as a test case of its own.
struct ExampleCase: CustomTestStringConvertible, Sendable {
    var metadata: CheckMetadata
    var descriptor: CheckDescriptor<Workload, KubernetesContext>?
    var passing: Bool
    var index: Int
    var example: CheckExample

    var testDescription: String { "\(metadata.id) \(passing ? "passing" : "failing") #\(index + 1)" }
    var sourceLocation: SourceLocation {
        SourceLocation(fileID: "KubernetesAudit/\(metadata.id)", filePath: example.sourceFile, line: example.sourceLine, column: 1)
    }

    /// Every example of every registered check; `EKSGUARD_CHECK=EKS-POD-007` focuses on one check.
    static let all: [ExampleCase] = {
        let focus = ProcessInfo.processInfo.environment["EKSGUARD_CHECK"].flatMap { $0.isEmpty ? nil : $0 }
        var cases: [ExampleCase] = []
        let checks: [(CheckMetadata, CheckDescriptor<Workload, KubernetesContext>?)] =
            KubernetesCatalog.entries.map { ($0.metadata, $0.descriptor) } + [(KubernetesCatalog.inputCheck, nil)]
        for (metadata, descriptor) in checks where focus == nil || focus == metadata.id {
            for (i, e) in metadata.passing.enumerated() { cases.append(ExampleCase(metadata: metadata, descriptor: descriptor, passing: true, index: i, example: e)) }
            for (i, e) in metadata.failing.enumerated() { cases.append(ExampleCase(metadata: metadata, descriptor: descriptor, passing: false, index: i, example: e)) }
        }
        return cases
    }()

    var context: KubernetesContext {
        KubernetesContext(
            podSecurityLevel: example.options["pss-level"].flatMap(PodSecurityLevel.init(rawValue:)) ?? .restricted,
            podSecurityVersion: example.options["pss-version"].flatMap(PodSecurityVersion.init) ?? .latest)
    }

    /// The findings this check produces on the example input (for the input check: the loader's).
    func findings(of input: String) -> [Finding] {
        let loaded = ManifestScan.load(Array(input.utf8), name: "example.yaml")
        guard let descriptor else { return loaded.inputFindings.filter { $0.status != .notApplicable } }
        return loaded.workloads.flatMap { descriptor.evaluate($0, context) }
    }
}

/// Wraps a one-document example in a `kind: List`, as `kubectl get -o yaml` prints objects.
func asListItem(_ yaml: String) -> String {
    let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
    let body = lines.enumerated().map { index, line in (index == 0 ? "- " : "  ") + line }.joined(separator: "\n")
    return "apiVersion: v1\nkind: List\nitems:\n" + body
}

@Suite struct CheckExampleTests {
    @Test(arguments: ExampleCase.all)
    func exampleBehavesAsDocumented(_ c: ExampleCase) {
        let findings = c.findings(of: c.example.input)
        let bad = findings.filter { $0.status == .fail || $0.status == .error }
        if c.passing {
            #expect(bad.isEmpty, "expected no failure, got: \(bad.map(\.message))", sourceLocation: c.sourceLocation)
            return
        }
        let matching = findings.filter { $0.status == c.example.expectedStatus }
        #expect(!matching.isEmpty, "expected a \(c.example.expectedStatus) result, got: \(findings.map { "\($0.status) \($0.message)" })", sourceLocation: c.sourceLocation)
        let paths = Set(matching.compactMap(\.resource.field))
        for expected in c.example.expect {
            #expect(paths.contains(expected), "expected a finding at \(expected), found \(paths.sorted())", sourceLocation: c.sourceLocation)
        }
        for finding in matching where c.example.expectedStatus == .fail {
            #expect(finding.resource.line != nil && finding.resource.file == "example.yaml", "finding without a position", sourceLocation: c.sourceLocation)
        }
    }

    /// The same failing example must still fail when it arrives as an item of a List, with paths under `items[0]`.
    @Test(arguments: ExampleCase.all.filter { !$0.passing && $0.descriptor != nil })
    func failingExampleFailsInsideAList(_ c: ExampleCase) {
        let direct = c.findings(of: c.example.input).filter { $0.status == .fail }
        let listed = c.findings(of: asListItem(c.example.input)).filter { $0.status == .fail }
        #expect(listed.count == direct.count, sourceLocation: c.sourceLocation)
        #expect(listed.allSatisfy { $0.resource.field?.hasPrefix("items[0].") ?? false }, sourceLocation: c.sourceLocation)
    }

    /// ... and when another document precedes it in a multi-document stream.
    @Test(arguments: ExampleCase.all.filter { !$0.passing && $0.descriptor != nil })
    func failingExampleFailsAfterAnotherDocument(_ c: ExampleCase) {
        let stream = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n" + c.example.input
        let direct = c.findings(of: c.example.input).filter { $0.status == .fail }
        let streamed = c.findings(of: stream).filter { $0.status == .fail }
        #expect(streamed.map(\.resource.field) == direct.map(\.resource.field), sourceLocation: c.sourceLocation)
        #expect(zip(streamed, direct).allSatisfy { $0.resource.line == ($1.resource.line ?? 0) + 4 }, sourceLocation: c.sourceLocation)
    }
}
