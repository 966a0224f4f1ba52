import EKSGuardCore
import Foundation
import KubernetesAudit

/// One kubeconfig file: its named clusters, users and contexts (still as YAML, read when chosen)
/// and its current-context.
struct KubeconfigFile: Sendable {
    /// A named entry (`clusters[2]`) with the file that defined it: relative paths inside it
    /// resolve against that file's folder.
    struct Entry: Sendable {
        var name: String
        var body: Cursor
        var file: String
    }

    var path: String
    var currentContext: String?
    var clusters: [Entry] = []
    var users: [Entry] = []
    var contexts: [Entry] = []

    /// Kubeconfigs are small: the limits keep a hostile one (alias bomb, huge file) cheap to refuse.
    static let files = InputFiles(maxFileBytes: 4 << 20, include: { _ in true })
    static let limits = YAMLLimits(maxDepth: 64, maxNodesPerDocument: 200_000)

    static func load(_ path: String) throws(KubernetesClientError) -> KubeconfigFile {
        let bytes: [UInt8]
        switch files.read(path) {
        case .failure(let error): throw KubernetesClientError("kubeconfig \(path): \(error.reason)")
        case .success(let read): bytes = read
        }
        let document: SourceNode?
        do {
            document = try limits.parseSingleDocument(bytes)
        } catch {
            throw KubernetesClientError("kubeconfig \(path):\(error.position.line):\(error.position.column): \(error.message)")
        }
        var file = KubeconfigFile(path: path)
        // An empty file is an empty configuration, as kubectl reads it.
        guard let document, !document.isNull else { return file }
        let root = Cursor(node: document, path: "", position: document.position)
        if let problem = root.typeError(expectingList: false) { throw file.error(root, problem) }
        file.currentContext = try Entry.string(root["current-context"], file: path)
        file.clusters = try file.entries(root["clusters"], body: "cluster")
        file.users = try file.entries(root["users"], body: "user")
        file.contexts = try file.entries(root["contexts"], body: "context")
        return file
    }

    /// `clusters: [{name: a, cluster: {...}}]`: every item needs a name; the first of a repeated
    /// name wins, as in kubectl's merge.
    private func entries(_ list: Cursor, body key: String) throws(KubernetesClientError) -> [Entry] {
        if let problem = list.typeError(expectingList: true) { throw error(list, problem) }
        var entries: [Entry] = []
        for item in list.items {
            if let problem = item.typeError(expectingList: false) { throw error(item, problem) }
            guard let name = try Entry.string(item["name"], file: path), !name.isEmpty else {
                throw error(item, "\(item.path).name is missing")
            }
            let body = item[key]
            if let problem = body.typeError(expectingList: false) { throw error(body, problem) }
            if !entries.contains(where: { $0.name == name }) { entries.append(Entry(name: name, body: body, file: path)) }
        }
        return entries
    }

    func error(_ at: Cursor, _ message: String) -> KubernetesClientError {
        Entry.error(file: path, at: at, message)
    }
}
