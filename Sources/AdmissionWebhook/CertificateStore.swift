import Foundation
import NIOCore
import NIOSSL

/// The serving certificate and key, re-read when their files change so a rotated certificate
/// (a cert-manager renewal, a re-mounted Secret) is used without a restart. Every TLS handshake
/// takes the current pair through NIOSSL's context callback.
package final class CertificateStore: @unchecked Sendable {
    package let certificatePath: String
    package let keyPath: String
    private let lock = NSLock()
    // Guarded by `lock`.
    private var chain: [NIOSSLCertificate]
    private var key: NIOSSLPrivateKey
    private var stamp: String

    package init(certificatePath: String, keyPath: String) throws {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        (chain, key) = try Self.read(certificatePath, keyPath)
        stamp = Self.stamp(certificatePath, keyPath)
    }

    /// A server TLS configuration whose certificate follows this store.
    package var tlsConfiguration: TLSConfiguration {
        let (chain, key) = lock.withLock { (self.chain, self.key) }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        configuration.sslContextCallback = { [self] _, promise in
            let (chain, key) = lock.withLock { (self.chain, self.key) }
            var override = NIOSSLContextConfigurationOverride()
            override.certificateChain = chain.map { .certificate($0) }
            override.privateKey = .privateKey(key)
            promise.succeed(override)
        }
        return configuration
    }

    /// Re-reads the files if their modification time or size changed. True when a new pair was
    /// loaded; a pair that does not load (half-written files) keeps the old one and throws.
    @discardableResult
    package func reloadIfChanged() throws -> Bool {
        let current = Self.stamp(certificatePath, keyPath)
        guard current != lock.withLock({ stamp }) else { return false }
        let (newChain, newKey) = try Self.read(certificatePath, keyPath)
        lock.withLock {
            chain = newChain
            key = newKey
            stamp = current
        }
        return true
    }

    private static func read(_ certificatePath: String, _ keyPath: String) throws -> ([NIOSSLCertificate], NIOSSLPrivateKey) {
        let chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        guard !chain.isEmpty else { throw BadAdmissionRequest("\(certificatePath) holds no certificate") }
        return (chain, try NIOSSLPrivateKey(file: keyPath, format: .pem))
    }

    private static func stamp(_ paths: String...) -> String {
        paths.map { path in
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "-" }
            let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(date)/\(attributes[.size] as? Int ?? 0)"
        }.joined(separator: "|")
    }
}
