@testable import AdmissionWebhook
import EKSGuardCore
import Foundation
import Logging
import Testing

/// The webhook over real TLS on loopback: started in-process on a free port, called with curl,
/// which verifies the certificate against the generated CA like the API server does.
@Suite(.serialized) struct WebhookServerTests {
    static let host = "eksguard-webhook.eksguard.svc"

    struct Running {
        var port: Int
        var folder: URL
        var server: WebhookServer

        var ca: String { folder.appendingPathComponent("ca.crt").path }

        /// HTTP status and body of a request made with curl over TLS.
        func call(_ path: String, body: String? = nil, ca: String? = nil) async throws -> (status: Int, body: String) {
            var arguments = ["-sS", "--max-time", "10", "--cacert", ca ?? self.ca, "--resolve", "\(WebhookServerTests.host):\(port):127.0.0.1",
                             "-o", "-", "-w", "\n%{http_code}"]
            if let body {
                let file = folder.appendingPathComponent("body-\(UUID().uuidString).json")
                try body.write(to: file, atomically: true, encoding: .utf8)
                arguments += ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", "@\(file.path)"]
            }
            arguments.append("https://\(WebhookServerTests.host):\(port)\(path)")
            let output = try await Self.run("/usr/bin/curl", arguments)
            guard let newline = output.lastIndex(of: "\n"), let status = Int(output[output.index(after: newline)...]) else {
                return (0, output)
            }
            return (status, String(output[..<newline]))
        }

        static func run(_ tool: String, _ arguments: [String]) async throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            return try await withCheckedThrowingContinuation { continuation in
                process.terminationHandler = { _ in
                    continuation.resume(returning: String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
                }
                do { try process.run() } catch { continuation.resume(throwing: error) }
            }
        }
    }

    static func writeCertificates(to folder: URL) throws {
        let generated = try GeneratedCertificates.generate(dnsNames: [host])
        try generated.caPEM.write(to: folder.appendingPathComponent("ca.crt"), atomically: true, encoding: .utf8)
        try generated.certificatePEM.write(to: folder.appendingPathComponent("tls.crt"), atomically: true, encoding: .utf8)
        try generated.keyPEM.write(to: folder.appendingPathComponent("tls.key"), atomically: true, encoding: .utf8)
    }

    func withServer(policy: WebhookPolicy = WebhookPolicy(), _ body: (Running) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eksguard-webhook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.writeCertificates(to: folder)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let server = try WebhookServer(
            options: WebhookServerOptions(
                host: "127.0.0.1", port: 0, certificatePath: folder.appendingPathComponent("tls.crt").path,
                keyPath: folder.appendingPathComponent("tls.key").path, maxBodyBytes: 64 << 10,
                reloadInterval: .milliseconds(100)),
            reviewer: AdmissionReviewer(policy: policy), logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task { try await server.runUntilCancelled { continuation.yield($0) } }
        defer { task.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        try await body(Running(port: port, folder: folder, server: server))
    }

    @Test func reviewsOfEveryKindOverTLS() async throws {
        try await withServer { server in
            for (_, kind, _) in Reviews.kinds {
                let denied = try await server.call("/validate", body: Reviews.review(kind: kind, spec: Reviews.privileged))
                #expect(denied.status == 200, "\(kind): \(denied.body)")
                #expect(denied.body.contains("\"allowed\":false") && denied.body.contains("container \\\"app\\\""), "\(kind)")
                let allowed = try await server.call("/validate", body: Reviews.review(kind: kind, spec: Reviews.compliant))
                #expect(allowed.body.contains("\"allowed\":true"), "\(kind): \(allowed.body)")
            }
            let update = try await server.call("/validate", body: Reviews.review(spec: Reviews.privileged, operation: "UPDATE", old: Reviews.privileged))
            #expect(update.body.contains("\"allowed\":true"))
            let dry = try await server.call("/validate", body: Reviews.review(spec: Reviews.privileged, dryRun: true))
            #expect(dry.body.contains("\"allowed\":false"))
        }
    }

    @Test func malformedBodiesGet400AndTheServerKeepsServing() async throws {
        try await withServer { server in
            for body in AdmissionReviewerTests.malformed where !body.contains("\u{0}") {
                let answer = try await server.call("/validate", body: body.isEmpty ? " " : body)
                #expect(answer.status == 400, "\(body.prefix(40)): \(answer.status) \(answer.body)")
            }
            let tooLarge = try await server.call("/validate", body: String(repeating: " ", count: 70 << 10))
            #expect(tooLarge.status == 413)
            #expect(try await server.call("/healthz").status == 200)
        }
    }

    @Test func healthAndMetrics() async throws {
        try await withServer { server in
            #expect(try await server.call("/healthz") == (200, "ok"))
            #expect(try await server.call("/readyz").status == 200)
            _ = try await server.call("/validate", body: Reviews.review(spec: Reviews.privileged))
            _ = try await server.call("/validate", body: "nope")
            let metrics = try await server.call("/metrics")
            #expect(metrics.body.contains("eksguard_webhook_requests_total{operation=\"CREATE\",kind=\"Pod\",result=\"denied\",dry_run=\"false\"} 1"))
            #expect(metrics.body.contains("eksguard_webhook_denials_total{rule=\"EKS-POD-007\"} 1"))
            #expect(metrics.body.contains("eksguard_webhook_bad_requests_total 1"))
            #expect(metrics.body.contains("eksguard_webhook_request_duration_seconds_count 2"))
        }
    }

    @Test func certificateIsReloadedWhenTheFilesChange() async throws {
        try await withServer { server in
            let oldCA = server.folder.appendingPathComponent("old-ca.crt")
            try FileManager.default.copyItem(at: URL(fileURLWithPath: server.ca), to: oldCA)
            try Self.writeCertificates(to: server.folder)
            var reloaded = false
            for _ in 0..<50 where !reloaded {
                try await Task.sleep(for: .milliseconds(100))
                reloaded = try await server.call("/healthz").status == 200
            }
            #expect(reloaded, "the new certificate is served")
            #expect(try await server.call("/healthz", ca: oldCA.path).status != 200, "the old one is not")
            #expect(server.server.metrics.text.contains("eksguard_webhook_certificate_reloads_total 1"))
        }
    }
}
