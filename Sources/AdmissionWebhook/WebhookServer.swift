import EKSGuardCore
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle

/// How `webhook serve` runs.
package struct WebhookServerOptions: Sendable {
    package var host: String
    package var port: Int
    package var certificatePath: String
    package var keyPath: String
    /// Largest request body accepted; larger ones get 413.
    package var maxBodyBytes: Int
    /// Time allowed to receive a request body.
    package var bodyTimeout: Duration
    /// A connection idle this long is closed.
    package var idleTimeout: Duration
    /// How often the certificate files are checked for changes.
    package var reloadInterval: Duration

    package init(
        host: String = "0.0.0.0", port: Int = 8443, certificatePath: String, keyPath: String,
        maxBodyBytes: Int = 1 << 20, bodyTimeout: Duration = .seconds(5), idleTimeout: Duration = .seconds(60),
        reloadInterval: Duration = .seconds(5)
    ) {
        self.host = host
        self.port = port
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.maxBodyBytes = maxBodyBytes
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.reloadInterval = reloadInterval
    }
}

/// The HTTPS server: `POST /validate` answers AdmissionReviews; `/healthz`, `/readyz` and
/// `/metrics` are for the kubelet and Prometheus.
package struct WebhookServer: Sendable {
    package let options: WebhookServerOptions
    package let reviewer: AdmissionReviewer
    package let metrics: WebhookMetrics
    package let certificates: CertificateStore
    package let logger: Logger

    package init(options: WebhookServerOptions, reviewer: AdmissionReviewer, logger: Logger) throws {
        self.options = options
        self.reviewer = reviewer
        self.logger = logger
        metrics = WebhookMetrics()
        certificates = try CertificateStore(certificatePath: options.certificatePath, keyPath: options.keyPath)
    }

    /// The application; `onRunning` gets the bound port (useful with port 0).
    package func application(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
        let router = Router()
        router.get("/healthz") { _, _ in "ok" }
        router.get("/readyz") { _, _ in "ok" }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(string: metrics.text)))
        }
        router.post("/validate") { request, _ in try await validate(request) }
        let http = HTTPServerBuilder.http1(configuration: .init(idleTimeout: .init(options.idleTimeout)))
        return Application(
            router: router,
            server: try .tls(http, tlsConfiguration: certificates.tlsConfiguration),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "eksguard-webhook"),
            services: [CertificateReloader(store: certificates, interval: options.reloadInterval, metrics: metrics, logger: logger)],
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? options.port) },
            logger: logger)
    }

    /// Serves until SIGTERM or SIGINT, then lets requests in flight finish.
    package func run() async throws {
        let app = try application { port in logger.info("webhook listening", metadata: ["port": "\(port)"]) }
        try await app.runService()
    }

    /// Serves until the calling task is cancelled (tests, embedding).
    package func runUntilCancelled(onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        try await application(onRunning: onRunning).run()
    }

    private func validate(_ request: Request) async throws -> Response {
        let start = ContinuousClock.now
        let body: ByteBuffer
        do {
            body = try await collect(request)
        } catch let error as HTTPError {
            metrics.recordBadRequest(seconds: Self.seconds(since: start))
            return Self.plain(error.status, error.body ?? "request body rejected")
        }
        do {
            let decision = try reviewer.review(Array(buffer: body))
            metrics.record(decision, seconds: Self.seconds(since: start))
            log(decision)
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: decision.responseBytes)))
        } catch {
            metrics.recordBadRequest(seconds: Self.seconds(since: start))
            logger.warning("malformed AdmissionReview", metadata: ["error": "\(error.message)"])
            return Self.plain(.badRequest, error.message)
        }
    }

    /// The body, within the size limit and the time limit.
    private func collect(_ request: Request) async throws -> ByteBuffer {
        let limit = options.maxBodyBytes, timeout = options.bodyTimeout
        return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask {
                do {
                    return try await request.body.collect(upTo: limit)
                } catch let error as HTTPError where error.status == .contentTooLarge {
                    throw HTTPError(.contentTooLarge, message: "request body larger than \(limit) bytes")
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let body = first else {
                throw HTTPError(.requestTimeout, message: "request body not received within \(timeout)")
            }
            return body
        }
    }

    private func log(_ decision: AdmissionDecision) {
        var metadata: Logger.Metadata = [
            "uid": "\(decision.uid)", "operation": "\(decision.operation)", "kind": "\(decision.kind)",
            "namespace": "\(decision.namespace ?? "")", "name": "\(decision.name ?? "")",
            "allowed": "\(decision.allowed)", "dry_run": "\(decision.dryRun)",
        ]
        if let skipped = decision.skipped { metadata["skipped"] = "\(skipped)" }
        if !decision.denials.isEmpty { metadata["denied_by"] = "\(decision.denials.map(\.rule).joined(separator: ","))" }
        if !decision.warnings.isEmpty { metadata["warned_by"] = "\(decision.warnings.map(\.rule).joined(separator: ","))" }
        if !decision.recorded.isEmpty { metadata["dryrun_violations"] = "\(decision.recorded.map(\.rule).joined(separator: ","))" }
        logger.log(level: decision.allowed ? .debug : .info, "admission review", metadata: metadata)
    }

    private static func plain(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// Polls the certificate files and swaps in a changed pair; stops at graceful shutdown.
struct CertificateReloader: Service {
    let store: CertificateStore
    let interval: Duration
    let metrics: WebhookMetrics
    let logger: Logger

    func run() async throws {
        // Cancelled at graceful shutdown; ending quietly lets the service group finish without an error.
        await cancelWhenGracefulShutdown {
            while true {
                do {
                    try await Task.sleep(for: interval)
                } catch {
                    return
                }
                do {
                    if try store.reloadIfChanged() {
                        metrics.recordCertificateReload()
                        logger.info("serving certificate reloaded", metadata: ["certificate": "\(store.certificatePath)"])
                    }
                } catch {
                    logger.error("serving certificate changed but cannot be loaded; keeping the previous one", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
