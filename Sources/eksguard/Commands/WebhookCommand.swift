import AdmissionWebhook
import ArgumentParser
import EKSGuardCore
import Foundation
import Gatekeeper
import Logging

struct WebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook",
        abstract: "Enforce the pod security checks and Gatekeeper constraints at admission.",
        subcommands: [WebhookServeCommand.self, WebhookManifestsCommand.self]
    )
}

struct WebhookServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the validating admission webhook over HTTPS.",
        discussion: """
            POST /validate answers AdmissionReview v1 requests (CREATE and UPDATE) for Pods and every \
            pod controller (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, \
            ReplicationController, PodTemplate). A violation of a check or constraint set to deny \
            rejects the request with a message naming each violation's container, field and fix; \
            warn violations come back as AdmissionReview warnings; dry-run constraints are only \
            logged. On UPDATE the Pod Security checks run only when the pod spec changed. Requests \
            with dryRun are answered exactly like others (the webhook has no side effects).

            --config FILE (YAML): podSecurityLevel, podSecurityVersion, defaultAction (deny|warn|off \
            for the Pod Security checks; the other workload checks warn), checks (ID or glob → \
            deny|warn|off, also GK-<Kind>/<name> for constraints), constraints (Gatekeeper constraint \
            files or folders), exemptNamespaces (globs; default kube-system).

            GET /healthz and /readyz answer ok; GET /metrics serves Prometheus counters and a latency \
            histogram. The certificate files are re-read when they change. Bodies that are not an \
            AdmissionReview get 400, bodies over --max-body-kb get 413. SIGTERM stops accepting \
            connections and lets requests in flight finish. Logs are JSON lines on standard error.
            """
    )

    @Option(name: .long, help: "Address to listen on.")
    var host = "0.0.0.0"

    @Option(name: .long, help: "HTTPS port (0: any free port).")
    var port = 8443

    @Option(name: .long, help: "Serving certificate (PEM, with its chain).")
    var cert: String

    @Option(name: .long, help: "Private key of the serving certificate (PEM).")
    var key: String

    @Option(name: .long, help: "Webhook configuration file (YAML).")
    var config: String?

    @Option(name: .customLong("max-body-kb"), help: "Largest request body accepted, in KiB.")
    var maxBodyKB = 1024

    @Option(name: .customLong("body-timeout"), help: "Seconds allowed to receive a request body.")
    var bodyTimeout = 5

    @Option(name: .customLong("idle-timeout"), help: "Seconds after which an idle connection is closed.")
    var idleTimeout = 60

    @Option(name: .customLong("reload-interval"), help: "Seconds between checks of the certificate files for changes.")
    var reloadInterval = 5

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (1...65536).contains(maxBodyKB) else { throw ValidationError("--max-body-kb must be between 1 and 65536") }
        for (name, value) in [("--body-timeout", bodyTimeout), ("--idle-timeout", idleTimeout), ("--reload-interval", reloadInterval)] {
            guard (1...3600).contains(value) else { throw ValidationError("\(name) must be between 1 and 3600 seconds") }
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level \(logLevel) is not a log level") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = JSONLogHandler(label: label)
            handler.logLevel = Logger.Level(rawValue: logLevel) ?? .info
            return handler
        }
        let reviewer = try WebhookSetup.reviewer(config: config)
        let options = WebhookServerOptions(
            host: host, port: port, certificatePath: cert, keyPath: key, maxBodyBytes: maxBodyKB << 10,
            bodyTimeout: .seconds(bodyTimeout), idleTimeout: .seconds(idleTimeout), reloadInterval: .seconds(reloadInterval))
        let server: WebhookServer
        do {
            server = try WebhookServer(options: options, reviewer: reviewer, logger: Logger(label: "eksguard.webhook"))
        } catch {
            throw UsageError("cannot load the serving certificate \(cert) / key \(key): \(error)")
        }
        try await server.run()
    }
}

/// Reading the webhook configuration and the constraints it names.
enum WebhookSetup {
    static func reviewer(config: String?) throws -> AdmissionReviewer {
        var policy = WebhookPolicy()
        if let config {
            guard case .success(let bytes) = InputFiles(include: { _ in true }).read(config) else {
                throw UsageError("cannot read the webhook configuration \(config)")
            }
            do {
                policy = try WebhookPolicy.load(bytes, name: config)
            } catch {
                throw UsageError(error.message)
            }
        }
        var constraints: [Constraint] = []
        if !policy.constraintPaths.isEmpty {
            let loaded: ConstraintLoader.Loaded
            do {
                loaded = try ConstraintLoader.load(policy.constraintPaths)
            } catch {
                throw UsageError("constraints: \(error)")
            }
            guard loaded.problems.isEmpty else { throw UsageError("constraints: " + loaded.problems.joined(separator: "\n")) }
            constraints = loaded.constraints
        }
        return AdmissionReviewer(policy: policy, constraints: constraints)
    }
}

struct WebhookManifestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifests",
        abstract: "Print the Kubernetes YAML that installs the webhook.",
        discussion: """
            Prints a Namespace, ServiceAccount, ConfigMap, Deployment (2 replicas, non-root, \
            read-only root filesystem, resource limits), PodDisruptionBudget, Service and a \
            ValidatingWebhookConfiguration (failurePolicy Fail, sideEffects None, namespaceSelector \
            excluding kube-system and the webhook's own namespace) whose caBundle is --ca-cert, or \
            the CA made by --generate-cert. --generate-cert writes ca.crt, tls.crt and tls.key (mode \
            0600) to --cert-dir for the TLS Secret; the private key is never printed. Pin --image by \
            digest (name@sha256:...) for production.
            """
    )

    @Option(name: .long, help: "Namespace to install into.")
    var namespace = "eksguard"

    @Option(name: .long, help: "Container image of eksguard.")
    var image = "public.ecr.aws/eksguard/eksguard:\(EKSGuard.version)"

    @Option(name: .customLong("ca-cert"), help: "PEM of the CA that signed the serving certificate (becomes caBundle).")
    var caCert: String?

    @Flag(name: .customLong("generate-cert"), help: "Generate a self-signed CA and a serving certificate for the Service.")
    var generateCert = false

    @Option(name: .customLong("cert-dir"), help: "Where --generate-cert writes ca.crt, tls.crt and tls.key.")
    var certDir = "eksguard-webhook-tls"

    @Option(name: .long, help: "Seconds the API server waits for the webhook (1-30).")
    var timeout = 5

    func validate() throws {
        guard (caCert != nil) != generateCert else { throw ValidationError("give exactly one of --ca-cert FILE or --generate-cert") }
        guard (1...30).contains(timeout) else { throw ValidationError("--timeout must be between 1 and 30 seconds") }
    }

    func run() throws {
        var manifests = InstallManifests(image: image, caPEM: "")
        manifests.namespace = namespace
        manifests.timeoutSeconds = timeout
        if let caCert {
            guard case .success(let bytes) = InputFiles(maxFileBytes: 1 << 20, include: { _ in true }).read(caCert),
                  let text = String(validating: bytes, as: UTF8.self), text.contains("-----BEGIN CERTIFICATE-----")
            else { throw UsageError("\(caCert) is not a readable PEM certificate") }
            manifests.caPEM = text
        } else {
            let generated = try GeneratedCertificates.generate(dnsNames: manifests.serviceDNSNames)
            try writeCertificates(generated, secret: manifests.tlsSecret)
            manifests.caPEM = generated.caPEM
        }
        print(manifests.yaml, terminator: "")
    }

    private func writeCertificates(_ generated: GeneratedCertificates, secret: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: certDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for (name, text, mode) in [("ca.crt", generated.caPEM, 0o644), ("tls.crt", generated.certificatePEM, 0o644), ("tls.key", generated.keyPEM, 0o600)] {
            let path = (certDir as NSString).appendingPathComponent(name)
            guard !manager.fileExists(atPath: path) else { throw UsageError("\(path) exists; remove it or choose another --cert-dir") }
            guard manager.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
                throw UsageError("cannot write \(path)")
            }
        }
        FileHandle.standardError.write(Data("""
            eksguard: wrote \(certDir)/ca.crt, tls.crt and tls.key. Create the Secret with:
              kubectl -n \(namespace) create secret tls \(secret) --cert=\(certDir)/tls.crt --key=\(certDir)/tls.key

            """.utf8))
    }
}
