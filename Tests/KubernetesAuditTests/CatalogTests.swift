import EKSGuardCore
import Foundation
@testable import KubernetesAudit
import Testing

@Suite struct CatalogTests {
    let all = KubernetesCatalog.metadata

    @Test func idsAreUniqueAndWellFormed() throws {
        #expect(Set(all.map(\.id)).count == all.count)
        let pattern = try Regex("^[A-Z0-9]+(-[A-Z0-9]+)+$")
        for check in all { #expect(check.id.wholeMatch(of: pattern) != nil, "bad ID \(check.id)") }
    }

    @Test func everyCheckHasBothKindsOfExamplesAndSentences() {
        for check in all {
            #expect(!check.passing.isEmpty, "\(check.id) has no passing example")
            #expect(!check.failing.isEmpty, "\(check.id) has no failing example")
            #expect(check.rationale.hasSuffix("."), "\(check.id) rationale is not a sentence")
            #expect(check.remediation.hasSuffix("."), "\(check.id) remediation is not a sentence")
            #expect(!check.title.isEmpty)
        }
    }

    @Test func referencesAreNamespaced() {
        let namespaces = ["PSS", "CIS-EKS-1.2.0", "CIS-EKS-1.5.0", "CIS-EKS-1.7.0", "CIS-EKS-1.8.0", "kubescape", "checkov", "trivy", "gatekeeper", "hadolint", "prowler"]
        for check in all {
            for reference in check.references {
                let namespace = reference.split(separator: ":").first.map(String.init) ?? ""
                #expect(namespaces.contains(namespace), "\(check.id): unknown reference namespace in \(reference)")
            }
        }
    }

    @Test func everyPodSecurityControlIsImplementedOnceAndReferenced() {
        let controls = KubernetesCatalog.entries.compactMap { entry in entry.podSecurity.map { (entry.metadata, $0) } }
        #expect(Set(controls.map(\.1.id)).count == controls.count)
        #expect(controls.count == 19, "upstream registers 19 controls")
        for (metadata, control) in controls {
            #expect(metadata.references.contains(control.reference), "\(metadata.id) lacks \(control.reference)")
            #expect(control.revisions == control.revisions.sorted())
            for replaced in control.replaces { #expect(controls.contains { $0.1.id == replaced && $0.1.level == .baseline }) }
        }
    }

    /// Every `*Check.swift` file under Sources/KubernetesAudit/Checks is registered in the catalog.
    @Test func everyCheckFileIsRegistered() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Sources/KubernetesAudit/Checks")
        let catalog = try String(contentsOf: folder.appendingPathComponent("Catalog+Kubernetes.swift"), encoding: .utf8)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix("Check.swift") }
        #expect(files.count >= 20)
        for file in files where file != "KubernetesCheck.swift" {
            let type = String(file.dropLast(".swift".count))
            #expect(catalog.contains("Entry(\(type)())") || catalog.contains("\(type).metadata"), "\(type) is not registered")
        }
    }
}
