import ArgumentParser
@testable import eksguard
import Foundation
import Testing

@Suite struct AdmissionCLITests {
    @Test(arguments: [
        ["policy", "verify"],
        ["policy", "verify", "s.yaml", "--format", "xml"],
        ["webhook", "manifests"],
        ["webhook", "manifests", "--generate-cert", "--ca-cert", "ca.pem"],
        ["webhook", "manifests", "--generate-cert", "--timeout", "60"],
        ["webhook", "serve", "--cert", "c.pem"],
        ["webhook", "serve", "--cert", "c.pem", "--key", "k.pem", "--port", "70000"],
        ["webhook", "serve", "--cert", "c.pem", "--key", "k.pem", "--log-level", "loud"],
    ])
    func badUsageIsRejected(_ arguments: [String]) {
        #expect(throws: (any Error).self) { _ = try EKSGuardCommand.parseAsRoot(arguments) }
    }

    @Test func goodUsageParses() throws {
        let verify = try #require(try EKSGuardCommand.parseAsRoot(["policy", "verify", "a.yaml", "b.yaml", "--format", "json"]) as? PolicyVerifyCommand)
        #expect(verify.suites == ["a.yaml", "b.yaml"] && verify.format == .json)
        let scan = try #require(try EKSGuardCommand.parseAsRoot(["scan", "manifests", "k8s", "--constraints", "gk/"]) as? ScanManifestsCommand)
        #expect(scan.constraints == ["gk/"])
        let serve = try #require(try EKSGuardCommand.parseAsRoot(["webhook", "serve", "--cert", "c", "--key", "k", "--port", "0"]) as? WebhookServeCommand)
        #expect(serve.port == 0 && serve.maxBodyKB == 1024)
    }

    @Test func verifyExitCodes() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eksguard-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("none.yaml").path
        var command = try #require(try EKSGuardCommand.parseAsRoot(["policy", "verify", missing, "--format", "json"]) as? PolicyVerifyCommand)
        await #expect(throws: ExitCode(2)) { try await command.run() }
        let unsupported = folder.appendingPathComponent("suite.yaml")
        try """
            kind: Suite
            apiVersion: test.gatekeeper.sh/v1alpha1
            tests:
            - {name: t, template: template.yaml, constraint: constraint.yaml, cases: [{name: c, object: pod.yaml}]}
            """.write(to: unsupported, atomically: true, encoding: .utf8)
        try "apiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\nmetadata: {name: x}\nspec: {crd: {spec: {names: {kind: K8sOther}}}}\n"
            .write(to: folder.appendingPathComponent("template.yaml"), atomically: true, encoding: .utf8)
        command = try #require(try EKSGuardCommand.parseAsRoot(["policy", "verify", unsupported.path]) as? PolicyVerifyCommand)
        await #expect(throws: ExitCode(1)) { try await command.run() }
    }
}
