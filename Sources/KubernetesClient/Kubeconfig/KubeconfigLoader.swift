import Foundation
import KubernetesAudit

/// Finds and merges kubeconfig files the way kubectl does: `--kubeconfig` alone if given (it must
/// exist), else every file of `KUBECONFIG` (colon-separated, missing files skipped), else
/// `~/.kube/config`. In a merge the first file to define a cluster, user or context name wins, and
/// current-context comes from the first file that sets one; `--context` overrides it.
package struct KubeconfigLoader: Sendable {
    package var explicitFile: String?
    package var context: String?
    package var environment: [String: String]

    package init(explicitFile: String? = nil, context: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.explicitFile = explicitFile
        self.context = context
        self.environment = environment
    }

    /// The files to read, in precedence order, with whether a missing one is an error.
    package var candidateFiles: [(path: String, required: Bool)] {
        if let explicitFile { return [(explicitFile, true)] }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen = Set<String>()
            return list.split(separator: ":").map(String.init).filter { !$0.isEmpty && seen.insert($0).inserted }.map { ($0, false) }
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return [((home as NSString).appendingPathComponent(".kube/config"), false)]
    }

    /// Reads the files and resolves the chosen context into what a connection needs.
    package func load() throws(KubernetesClientError) -> KubeconfigSelection {
        var files: [KubeconfigFile] = []
        for (path, required) in candidateFiles {
            if !required, !FileManager.default.fileExists(atPath: path) { continue }
            files.append(try KubeconfigFile.load(path))
        }
        let names = candidateFiles.map(\.path).joined(separator: ", ")
        guard !files.isEmpty else {
            throw KubernetesClientError("no kubeconfig found (looked for \(names)); pass --kubeconfig FILE or --manifests PATH")
        }
        guard let contextName = context ?? files.lazy.compactMap(\.currentContext).first(where: { !$0.isEmpty }) else {
            throw KubernetesClientError("kubeconfig \(names) sets no current-context; pass --context NAME")
        }
        func first(_ list: KeyPath<KubeconfigFile, [KubeconfigFile.Entry]>, _ name: String) -> KubeconfigFile.Entry? {
            files.lazy.compactMap { $0[keyPath: list].first { $0.name == name } }.first
        }
        guard let context = first(\.contexts, contextName) else {
            throw KubernetesClientError("kubeconfig \(names) has no context named \"\(contextName)\"")
        }
        guard let clusterName = try context.string("cluster"), !clusterName.isEmpty else {
            throw context.error(at: context.body, "context \"\(contextName)\" names no cluster")
        }
        guard let cluster = first(\.clusters, clusterName) else {
            throw context.error(
                at: context.body["cluster"], "context \"\(contextName)\" names cluster \"\(clusterName)\", which no kubeconfig defines")
        }
        let userName = try context.string("user").flatMap { $0.isEmpty ? nil : $0 }
        var user: KubeconfigFile.Entry?
        if let userName {
            guard let found = first(\.users, userName) else {
                throw context.error(
                    at: context.body["user"], "context \"\(contextName)\" names user \"\(userName)\", which no kubeconfig defines")
            }
            user = found
        }
        return KubeconfigSelection(
            context: contextName, namespace: try context.string("namespace"),
            cluster: cluster, user: user)
    }
}

/// The entries the chosen context names, before their settings are read.
package struct KubeconfigSelection: Sendable {
    package var context: String
    package var namespace: String?
    var cluster: KubeconfigFile.Entry
    var user: KubeconfigFile.Entry?

    /// The cluster and user settings as a connection (reads referenced files, checks values).
    package func connection() throws(KubernetesClientError) -> KubernetesConnection {
        let endpoint = try ClusterSettings(cluster)
        let identity = try user.map { entry throws(KubernetesClientError) in try UserSettings(entry, cluster: endpoint) } ?? UserSettings()
        return KubernetesConnection(
            server: endpoint.server, certificateAuthorityPEM: endpoint.certificateAuthorityPEM,
            insecureSkipTLSVerify: endpoint.insecureSkipTLSVerify, tlsServerName: endpoint.tlsServerName,
            clientCertificate: identity.clientCertificate, credential: identity.credential, context: context)
    }
}
