import EKSGuardCore
import Foundation
@testable import Gatekeeper
import KubernetesAudit
import Testing

@Suite struct ConstraintScanTests {
    @Test func scanManifestsReportsConstraintResults() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eksguard-gk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              template:
                spec:
                  containers: [{name: app, image: x, securityContext: {privileged: true}}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: tool, namespace: kube-system}
            spec:
              containers: [{name: app, image: x, securityContext: {privileged: true}}]
            """.write(to: folder.appendingPathComponent("app.yaml"), atomically: true, encoding: .utf8)
        let constraint = try Fixture.constraint(
            "K8sPSPPrivilegedContainer", "enforcementAction: warn\nmatch: {excludedNamespaces: [kube-system]}", name: "no-priv")
        let outcome = try await ManifestScan.run(ManifestScanRequest(
            paths: [folder.path], context: KubernetesContext(), engine: EngineOptions(selection: Selection(select: ["GK-*"])),
            extraChecks: [constraint.descriptor]))
        let failure = try #require(outcome.results.first { $0.status == .fail })
        #expect(failure.checkID == "GK-K8sPSPPrivilegedContainer/no-priv")
        #expect(failure.references == ["gatekeeper:K8sPSPPrivilegedContainer"])
        #expect(failure.severity == .medium)
        #expect(failure.resource.name == "api" && failure.resource.container == "app")
        #expect(failure.resource.field == "spec.template.spec.containers[0].securityContext.privileged")
        #expect(outcome.results.contains { $0.status == .notApplicable && $0.resource.name == "tool" })
        #expect(outcome.results.filter { $0.status == .fail }.count == 1)
    }
}
