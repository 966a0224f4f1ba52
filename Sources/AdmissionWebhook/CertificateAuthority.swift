import Crypto
import Foundation
import SwiftASN1
import X509

/// A self-signed CA and a serving certificate it signs, for `webhook manifests --generate-cert`:
/// the CA goes into the ValidatingWebhookConfiguration's caBundle, the pair into the TLS Secret.
package struct GeneratedCertificates: Sendable {
    package var caPEM: String
    package var certificatePEM: String
    package var keyPEM: String

    /// Certificates for the given DNS names (the first is the subject), valid for `days`.
    package static func generate(dnsNames: [String], days: Int = 365, now: Date = Date()) throws -> GeneratedCertificates {
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName { CommonName("eksguard webhook CA") }
        let start = now.addingTimeInterval(-300)
        let end = now.addingTimeInterval(Double(days) * 86_400)
        let ca = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(caKey.publicKey),
            notValidBefore: start, notValidAfter: end, issuer: caName, subject: caName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true))
            },
            issuerPrivateKey: .init(caKey))
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName { CommonName(dnsNames.first ?? "eksguard-webhook") }
        let leaf = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
            notValidBefore: start, notValidAfter: end, issuer: caName, subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(dnsNames.map { .dnsName($0) })
            },
            issuerPrivateKey: .init(caKey))
        return GeneratedCertificates(
            caPEM: try ca.serializeAsPEM().pemString + "\n",
            certificatePEM: try leaf.serializeAsPEM().pemString + "\n",
            keyPEM: key.pemRepresentation + "\n")
    }
}
