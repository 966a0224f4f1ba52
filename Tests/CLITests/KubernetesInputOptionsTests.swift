import ArgumentParser
import AWSClient
@testable import eksguard
import EKSGuardCore
import Foundation
import KubernetesAudit
import KubernetesClient
import Testing

/// The audit's Kubernetes input: which source is used, how files and dumps are read, and what is
/// refused as a usage error.
@Suite struct KubernetesInputOptionsTests {
    final class Folder {
        let path = NSTemporaryDirectory() + "eksguard-kube-input-" + UUID().uuidString
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }

        @discardableResult
        func write(_ name: String, _ text: String, executable: Bool = false) throws -> String {
            let file = path + "/" + name
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file) }
            return file
        }
    }

    @Test(arguments: [
        ["--manifests", "a.yaml", "--kubeconfig", "k"],
        ["--manifests", "a.yaml", "--context", "c"],
        ["--no-kubernetes", "--context", "c"],
        ["--no-kubernetes", "--manifests", "a.yaml"],
        ["--max-manifest-size", "0"],
    ])
    func conflictingSourcesAreRejected(_ arguments: [String]) {
        #expect(throws: (any Error).self) { _ = try KubernetesInputOptions.parse(arguments) }
    }

    /// The dump command, run with a stand-in kubectl that serves the built-in kinds and one CRD and
    /// fails (as kubectl does) on every CRD the cluster does not have: the dump reads cleanly.
    @Test func dumpCommandSurvivesMissingCRDs() async throws {
        let folder = try Folder()
        try folder.write("bin/kubectl", #"""
            #!/bin/sh
            # kubectl get -A -o yaml RESOURCES
            case "$5" in
            peerauthentications.security.istio.io)
                printf 'apiVersion: v1\nitems:\n- apiVersion: security.istio.io/v1\n  kind: PeerAuthentication\n  metadata: {name: default, namespace: istio-system}\n  spec: {mtls: {mode: STRICT}}\nkind: List\nmetadata: {resourceVersion: ""}\n' ;;
            *,*) printf 'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: payments}\n- apiVersion: v1\n  kind: ServiceAccount\n  metadata: {name: app, namespace: payments}\nkind: List\nmetadata: {resourceVersion: ""}\n' ;;
            *) echo "error: the server doesn't have a resource type \"${5%%.*}\"" >&2; exit 1 ;;
            esac
            """#, executable: true)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", AuditedKind.kubectlDumpCommand]
        shell.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        shell.environment = ["PATH": folder.path + "/bin:/usr/bin:/bin"]
        try shell.run()
        shell.waitUntilExit()
        let (inventory, findings) = try await KubernetesInputOptions.parse(["--manifests", folder.path + "/cluster-dump.yaml"]).loadInventory(eksFallback: nil)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        #expect(inventory?.objectCount == 3)
        #expect(try inventory?.objects(.init("security.istio.io", "PeerAuthentication")).get().count == 1)
        #expect(AuditedKind.all.allSatisfy { kind in AuditedKind.kubectlDumpCommand.contains(kind.resource) })
    }

    /// Unreadable files and broken documents come back as findings; the rest is read.
    @Test func manifestProblemsAreFindings() async throws {
        let folder = try Folder()
        try folder.write("k8s/sa.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: b}\n---\nkind: [\n")
        try folder.write("k8s/binary.json", "\u{0}")
        let (inventory, findings) = try await KubernetesInputOptions.parse(["--manifests", folder.path + "/k8s"]).loadInventory(eksFallback: nil)
        #expect(inventory?.origin == .files([folder.path + "/k8s"]))
        #expect(try inventory?.objects(KubernetesInventory.serviceAccount).get().map(\.name) == ["a"])
        #expect(findings.count == 2 && findings.allSatisfy { $0.status == .error })
        #expect(findings.contains { $0.message.contains("binary.json: binary file") })
    }

    @Test func unusableManifestInputIsAUsageError() async throws {
        let folder = try Folder()
        try folder.write("only.yaml", "\u{0}")
        try folder.write("empty/notes.txt", "x")
        for path in [folder.path + "/only.yaml", folder.path + "/absent", folder.path + "/empty"] {
            await #expect(throws: UsageError.self) {
                _ = try await KubernetesInputOptions.parse(["--manifests", path]).loadInventory(eksFallback: nil)
            }
        }
    }

    @Test func sourceSelection() async throws {
        let fallback = KubernetesConnection(server: "https://127.0.0.1:1", credential: .bearer("t"))
        let none = try await KubernetesInputOptions.parse([]).loadInventory(eksFallback: nil)
        #expect(none.0 == nil && none.1.isEmpty)
        let off = try await KubernetesInputOptions.parse(["--no-kubernetes"]).loadInventory(eksFallback: fallback)
        #expect(off.0 == nil)
        let folder = try Folder()
        let broken = try folder.write("config", "current-context: nowhere\n")
        do {
            _ = try await KubernetesInputOptions.parse(["--context", "x"]).loadInventory(eksFallback: fallback, environment: ["KUBECONFIG": broken])
            Issue.record("a missing context was accepted")
        } catch let error as UsageError {
            #expect(error.message == "kubeconfig \(broken) has no context named \"x\"")
        }
        // Without --kubeconfig or --context the EKS endpoint is used, whatever KUBECONFIG says.
        let live = try await KubernetesInputOptions.parse([]).loadInventory(eksFallback: fallback, environment: ["KUBECONFIG": broken])
        #expect(live.0?.origin == .live(server: "https://127.0.0.1:1", context: nil))
        #expect(live.0?.gaps.count == AuditedKind.all.count)
    }
}

@Suite struct EKSKubernetesAccessTests {
    /// The EKS fallback presigns a token per issue with the AWS client's credentials and STS endpoint.
    @Test func tokenComesFromTheAWSCredentials() async throws {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", source: "test")
        let aws = AWSClient(credentials: StaticCredentialProvider(credentials), endpoints: EndpointResolver(region: "eu-west-1", environment: [:]))
        let connection = try KubernetesConnection.eks(
            endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com", certificateAuthorityData: Data("PEM".utf8).base64EncodedString(),
            clusterName: "prod", aws: aws)
        #expect(connection.server == "https://ABC.gr7.eu-west-1.eks.amazonaws.com" && connection.certificateAuthorityPEM == Array("PEM".utf8))
        guard case .issued(_, let issue) = connection.credential else { Issue.record("not an issued credential"); return }
        let issued = try await issue()
        let token = try #require(issued.token)
        #expect(token.hasPrefix("k8s-aws-v1."))
        var encoded = String(token.dropFirst("k8s-aws-v1.".count)).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        encoded += String(repeating: "=", count: (4 - encoded.count % 4) % 4)
        let url = String(decoding: try #require(Data(base64Encoded: encoded)), as: UTF8.self)
        #expect(url.hasPrefix("https://sts.") && url.contains("Action=GetCallerIdentity") && url.contains("x-k8s-aws-id"))
        #expect(try #require(issued.expiration).timeIntervalSinceNow > 800)
        #expect(!"\(connection)".contains(token))
    }
}
