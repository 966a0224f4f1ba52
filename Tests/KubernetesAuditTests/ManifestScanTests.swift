import EKSGuardCore
import Foundation
@testable import KubernetesAudit
import Testing

@Suite struct ManifestScanTests {
    func scan(_ files: [String: String], level: PodSecurityLevel = .restricted, select: [String] = []) async throws -> ManifestScanOutcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eksguard-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return try await ManifestScan.run(ManifestScanRequest(
            paths: [folder.path], context: KubernetesContext(podSecurityLevel: level),
            engine: EngineOptions(selection: Selection(select: select))))
    }

    static let privilegedPod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: a}
        spec:
          containers: [{name: c, image: x, securityContext: {privileged: true}}]
        """

    @Test func badFilesAreErrorsAndGoodFilesAreStillChecked() async throws {
        let outcome = try await scan([
            "good.yaml": Self.privilegedPod, "broken.yaml": "kind: [", "empty.yaml": "", "bin.json": "\u{0}\u{1}",
        ], select: ["EKS-POD-007"])
        let errors = outcome.results.filter { $0.status == .error }
        #expect(errors.count == 3)
        #expect(errors.allSatisfy { $0.checkID == "EKS-INPUT-001" && $0.resource.file != nil })
        #expect(outcome.results.contains { $0.checkID == "EKS-POD-007" && $0.status == .fail })
        #expect(!outcome.nothingReadable)
    }

    @Test func kubectlListsAreFlattened() async throws {
        let list = "apiVersion: v1\nkind: PodList\nitems:\n" + Self.privilegedPod.split(separator: "\n").enumerated()
            .map { ($0.offset == 0 ? "- " : "  ") + $0.element }.joined(separator: "\n")
        let outcome = try await scan(["dump.yaml": list], select: ["EKS-POD-007"])
        let failure = try #require(outcome.results.first { $0.status == .fail })
        #expect(failure.resource.field == "items[0].spec.containers[0].securityContext.privileged")
        #expect(failure.resource.name == "p" && failure.resource.namespace == "a" && failure.resource.container == "c")
    }

    @Test func baselineLevelLeavesRestrictedControlsOut() async throws {
        let outcome = try await scan(["p.yaml": Self.privilegedPod], level: .baseline, select: ["PSS:*"])
        #expect(!outcome.results.contains { $0.checkID == "EKS-POD-005" })
        #expect(outcome.results.contains { $0.checkID == "EKS-POD-007" && $0.status == .fail })
    }

    @Test func wronglyTypedFieldIsAnErrorNotAPass() async throws {
        let pod = Self.privilegedPod.replacingOccurrences(of: "privileged: true", with: "privileged: \"true\"")
        let outcome = try await scan(["p.yaml": pod], select: ["EKS-POD-007"])
        #expect(outcome.results.contains { $0.status == .error && $0.message.contains("must be a boolean") })
    }

    @Test func expiredWaiverFailsAgain() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eksguard-w-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.privilegedPod.write(to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        func run(expires: String) async throws -> CheckResult? {
            let waiver = Waiver(check: Glob("EKS-POD-007"), resource: Glob("Pod/a/*"), reason: "CNI", owner: "ops", expires: expires, line: 1)
            let outcome = try await ManifestScan.run(ManifestScanRequest(
                paths: [folder.path], context: KubernetesContext(),
                engine: EngineOptions(selection: Selection(select: ["EKS-POD-007"]), configuration: Configuration(waivers: [waiver]), today: "2026-06-01")))
            return outcome.results.first { $0.checkID == "EKS-POD-007" }
        }
        #expect(try await run(expires: "2026-06-01")?.status == .waived)
        let expired = try await run(expires: "2026-05-31")
        #expect(expired?.status == .fail)
        #expect(expired?.message.contains("expired on 2026-05-31") == true)
    }
}
