import Foundation
@testable import KubernetesClient
import Testing

/// Exec credential plugins, run for real: a small shell script the test writes.
@Suite struct ExecPluginTests {
    /// A kubeconfig whose user runs `./bin/plugin` (relative to the kubeconfig) with these exec fields.
    static func plugin(_ script: String, fields: String = "", version: String = "v1beta1") throws -> (Scratch, KubernetesConnection) {
        let scratch = try Scratch()
        try scratch.write("conf/bin/plugin", "#!/bin/sh\n" + script, executable: true)
        let file = try scratch.write("conf/config", kubeconfig(userFields: """
            exec:
              apiVersion: client.authentication.k8s.io/\(version)
              command: ./bin/plugin
              installHint: install the plugin from the platform team
            \(fields.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            """))
        return (scratch, try KubeconfigLoader(explicitFile: file).load().connection())
    }

    static func issue(_ connection: KubernetesConnection) async throws -> IssuedCredential {
        guard case .issued(_, let issue) = connection.credential else { throw KubernetesClientError("not an exec credential") }
        return try await issue()
    }

    static func failure(_ connection: KubernetesConnection) async -> String {
        do {
            _ = try await issue(connection)
            return "no failure"
        } catch {
            return "\(error)"
        }
    }

    @Test func tokenWithArgumentsEnvironmentAndClusterInfo() async throws {
        // The plugin echoes its inputs into the token so the test can see what it was given.
        let (scratch, connection) = try Self.plugin(#"""
            printf '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"%s|%s|%s","expirationTimestamp":"2030-01-02T03:04:05Z"}}' \
              "$1" "$CLUSTER_NAME" "$(printf %s "$KUBERNETES_EXEC_INFO" | grep -c '"spec":{"cluster":{"server":"https://10.0.0.1:6443"},"interactive":false}')"
            """#, fields: """
            args: [--region, eu-west-1]
            env: [{name: CLUSTER_NAME, value: prod}]
            interactiveMode: Never
            provideClusterInfo: true
            """, version: "v1")
        _ = scratch
        let issued = try await Self.issue(connection)
        #expect(issued.token == "--region|prod|1")
        #expect(issued.expiration == ISO8601DateFormatter().date(from: "2030-01-02T03:04:05Z"))
    }

    @Test func clientCertificateFromThePlugin() async throws {
        let (scratch, connection) = try Self.plugin(#"""
            printf '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","status":{"clientCertificateData":"CERT","clientKeyData":"KEY","expirationTimestamp":"2030-01-02T03:04:05.123Z"}}'
            """#)
        _ = scratch
        let issued = try await Self.issue(connection)
        #expect(issued.clientCertificate?.certificatePEM == Array("CERT".utf8) && issued.token == nil && issued.expiration != nil)
    }

    /// Failures name the plugin and what is wrong; the output (which would hold the secret) never appears.
    @Test(arguments: [
        ("echo SECRET-OUTPUT; exit 3", "exited with status 3 (install the plugin from the platform team)"),
        ("echo SECRET-OUTPUT", "did not print a JSON ExecCredential"),
        (#"echo '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"SECRET-OUTPUT"}}'"#, "printed apiVersion \"client.authentication.k8s.io/v1\", expected \"client.authentication.k8s.io/v1beta1\""),
        (#"echo '{"kind":"ExecCredential","apiVersion":"SECRET-OUTPUT","status":{"token":"SECRET-OUTPUT"}}'"#, "printed another apiVersion, expected"),
        (#"echo '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","status":{}}'"#, "printed neither status.token nor status.clientCertificateData"),
        (#"echo '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","status":{"clientCertificateData":"SECRET-OUTPUT"}}'"#, "without its key"),
        (#"echo '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"SECRET-OUTPUT","expirationTimestamp":"SECRET-OUTPUT"}}'"#, "not RFC 3339"),
        (#"head -c 2000000 /dev/zero | tr '\0' x"#, "printed more than 1048576 bytes"),
    ])
    func failuresNeverShowTheOutput(_ script: String, _ message: String) async throws {
        let (scratch, connection) = try Self.plugin(script)
        _ = scratch
        let failure = await Self.failure(connection)
        #expect(failure.contains(message) && failure.contains("exec plugin \"") && !failure.contains("SECRET-OUTPUT"), "\(failure)")
    }

    @Test func missingCommandShowsTheInstallHint() async throws {
        let scratch = try Scratch()
        let file = try scratch.write("config", kubeconfig(userFields: """
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: eksguard-no-such-plugin
              installHint: brew install eksguard-no-such-plugin
            """))
        let failure = await Self.failure(try KubeconfigLoader(explicitFile: file).load().connection())
        #expect(failure == "exec plugin \"eksguard-no-such-plugin\" of user \"u\" was not found: brew install eksguard-no-such-plugin")
    }
}
