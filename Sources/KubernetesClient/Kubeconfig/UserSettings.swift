import Foundation
import KubernetesAudit

/// A kubeconfig `user` entry: a client certificate and at most one of token, token file, basic
/// auth or exec plugin. Settings eksguard cannot honour are refused, never ignored: a skipped
/// impersonation would audit with another identity's permissions.
struct UserSettings {
    var clientCertificate: ClientCertificate?
    var credential: Credential = .none

    init() {}

    init(_ entry: KubeconfigFile.Entry, cluster: ClusterSettings) throws(KubernetesClientError) {
        for key in ["auth-provider", "as", "as-uid", "as-groups", "as-user-extra"] where entry.body[key].exists {
            throw entry.error(at: entry.body[key], "\(key) of user \"\(entry.name)\" is not supported")
        }
        let certificate = try entry.pem("client-certificate", what: "cannot read the certificate file")
        let key = try entry.pem("client-key", what: "cannot read the key file")
        switch (certificate, key) {
        case (let certificate?, let key?): clientCertificate = ClientCertificate(certificatePEM: certificate, keyPEM: key)
        case (nil, nil): break
        default: throw entry.error(at: entry.body, "user \"\(entry.name)\" needs both a client certificate and its key")
        }
        var choices: [(String, Credential)] = []
        if let token = try entry.string("token"), !token.isEmpty {
            choices.append(("token", .bearer(token)))
        } else if let file = try entry.string("tokenFile"), !file.isEmpty {
            // kubectl's rule: token wins over tokenFile.
            let text = String(decoding: try entry.read(entry.resolve(file), key: "tokenFile", what: "cannot read the token file"), as: UTF8.self)
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw entry.error(at: entry.body["tokenFile"], "tokenFile of user \"\(entry.name)\" is empty") }
            choices.append(("tokenFile", .bearer(token)))
        }
        if let username = try entry.string("username"), !username.isEmpty {
            choices.append(("username", .basic(username: username, password: try entry.string("password") ?? "")))
        }
        if entry.body["exec"].exists {
            let plugin = try ExecPlugin(entry, cluster: cluster)
            choices.append(("exec", .issued(source: "exec plugin \(plugin.command)", { try await plugin.run() })))
        }
        guard choices.count <= 1 else {
            throw entry.error(
                at: entry.body, "user \"\(entry.name)\" sets \(choices.map(\.0).joined(separator: " and ")); only one of them may be set")
        }
        credential = choices.first?.1 ?? .none
    }
}
