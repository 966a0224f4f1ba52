import Foundation
import KubernetesAudit

/// A kubeconfig `cluster` entry.
struct ClusterSettings: Sendable {
    var server: String
    var certificateAuthorityPEM: [UInt8]?
    var insecureSkipTLSVerify: Bool
    var tlsServerName: String?

    init(_ entry: KubeconfigFile.Entry) throws(KubernetesClientError) {
        guard let server = try entry.string("server"), !server.isEmpty else {
            throw entry.error(at: entry.body, "cluster \"\(entry.name)\" has no server")
        }
        guard let url = URL(string: server), let scheme = url.scheme?.lowercased(), url.host != nil,
              scheme == "https" || scheme == "http"
        else {
            throw entry.error(at: entry.body["server"], "server of cluster \"\(entry.name)\" is not an http(s) URL: \(server)")
        }
        // A proxy would have to be honoured, not skipped: connecting directly could reach another network.
        if let proxy = try entry.string("proxy-url"), !proxy.isEmpty {
            throw entry.error(
                at: entry.body["proxy-url"],
                "proxy-url of cluster \"\(entry.name)\" is not supported; run eksguard where the API server is reachable directly, or use --manifests with a kubectl dump")
        }
        self.server = server
        insecureSkipTLSVerify = try entry.bool("insecure-skip-tls-verify")
        certificateAuthorityPEM = try entry.pem("certificate-authority", what: "cannot read the CA file")
        tlsServerName = try entry.string("tls-server-name").flatMap { $0.isEmpty ? nil : $0 }
        if insecureSkipTLSVerify, certificateAuthorityPEM != nil {
            // kubectl refuses the same combination.
            throw entry.error(
                at: entry.body["insecure-skip-tls-verify"],
                "cluster \"\(entry.name)\" sets both insecure-skip-tls-verify and a certificate authority")
        }
    }
}
