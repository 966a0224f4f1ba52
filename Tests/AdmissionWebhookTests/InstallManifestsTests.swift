@testable import AdmissionWebhook
import EKSGuardCore
import Foundation
import KubernetesAudit
import NIOSSL
import Testing

@Suite struct InstallManifestsTests {
    let digestImage = "public.ecr.aws/eksguard/eksguard:0.1.0@sha256:0d2b7e3e4a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5"

    func manifests() throws -> InstallManifests {
        var manifests = InstallManifests(image: digestImage, caPEM: "")
        manifests.caPEM = try GeneratedCertificates.generate(dnsNames: manifests.serviceDNSNames).caPEM
        return manifests
    }

    @Test func manifestsPassEksguardsOwnRestrictedChecks() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eksguard-install-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try manifests().yaml.write(to: folder.appendingPathComponent("install.yaml"), atomically: true, encoding: .utf8)
        let outcome = try await ManifestScan.run(ManifestScanRequest(
            paths: [folder.path], context: KubernetesContext(podSecurityLevel: .restricted), engine: EngineOptions()))
        #expect(outcome.objects == 7 && outcome.workloads == 1)
        let bad = outcome.results.filter { $0.status == .fail || $0.status == .error }
        #expect(bad.isEmpty, "\(bad.map { "\($0.checkID): \($0.message)" })")
    }

    @Test func webhookConfigurationIsSafe() throws {
        let yaml = try manifests().yaml
        for needle in ["failurePolicy: Fail", "sideEffects: None", "timeoutSeconds: 5", "replicas: 2", "kind: PodDisruptionBudget",
                       "values: [kube-system, eksguard]", "readOnlyRootFilesystem: true", "runAsNonRoot: true", "path: /validate"] {
            #expect(yaml.contains(needle), "\(needle)")
        }
        #expect(!yaml.contains("PRIVATE KEY"))
        let bundle = try #require(yaml.split(separator: "\n").first { $0.contains("caBundle: ") }?.split(separator: " ").last)
        let pem = try #require(Data(base64Encoded: String(bundle)))
        #expect(try NIOSSLCertificate.fromPEMBytes(Array(pem)).count == 1)
    }

    @Test func generatedPairLoadsAndNamesTheService() throws {
        let names = try manifests().serviceDNSNames
        #expect(names.first == "eksguard-webhook.eksguard.svc")
        let pair = try GeneratedCertificates.generate(dnsNames: names)
        #expect(try NIOSSLCertificate.fromPEMBytes(Array(pair.certificatePEM.utf8)).count == 1)
        #expect(throws: Never.self) { try NIOSSLPrivateKey(bytes: Array(pair.keyPEM.utf8), format: .pem) }
    }
}
