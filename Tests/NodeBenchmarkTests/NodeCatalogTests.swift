import EKSGuardCore
@testable import NodeBenchmark
import Testing

@Suite struct NodeCatalogTests {
    @Test func controlsAreWellFormed() {
        let ids = NodeCatalog.metadata.map(\.id)
        #expect(Set(ids).count == ids.count)
        for check in NodeCatalog.metadata {
            #expect(check.id.hasPrefix("EKS-CIS-") && check.practice == .cisBenchmark)
            #expect(check.rationale.hasSuffix(".") && check.remediation.hasSuffix("."), "\(check.id) prose must be sentences")
            #expect(!check.references.isEmpty, "\(check.id) is in no benchmark")
            let control = BenchmarkData.controlsByID[check.id]!
            // Only a control with nothing to read on the node (always a manual WARN) may lack examples.
            if control.test != nil {
                #expect(!check.passing.isEmpty && !check.failing.isEmpty, "\(check.id) needs both kinds of examples")
            }
            #expect(Severity(rawValue: control.severity) != nil, "\(check.id) severity")
        }
    }

    @Test func theCatalogIDsOfTheDesignAreKept() {
        // docs/check-catalog.md numbers CIS 1.8.0's 3.1.1–3.2.9 as EKS-CIS-001…013.
        let items = BenchmarkData.benchmark("eks-1.8.0")!.items
        #expect(items.map(\.control) == (1...13).map { $0 < 10 ? "EKS-CIS-00\($0)" : "EKS-CIS-0\($0)" })
    }
}

