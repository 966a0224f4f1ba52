import EKSGuardCore
import Foundation
import KubernetesAudit

/// Lists one kind across all namespaces, page by page (`limit`/`continue`), into objects built
/// by the same YAML composer as files, so every field has a position in the answer.
struct KindListing: Sendable {
    enum Outcome: Sendable {
        case objects([KubernetesObject])
        /// The kind cannot be read (forbidden, not served, broken answer): a gap for this kind.
        case gap(DataGap)
        /// Nothing can be read from this server (unreachable, credentials refused).
        case unreachable(DataGap)
    }

    var kind: AuditedKind
    var pageSize: Int
    var maxPages: Int
    var limits: YAMLLimits

    /// `/api/v1/pods`, `/apis/apps/v1/deployments`: the cluster-wide list (all namespaces).
    var path: String {
        (kind.apiVersion.contains("/") ? "/apis/" : "/api/") + kind.apiVersion + "/" + kind.resource
    }

    private var what: String {
        "\(kind.resource) (\(kind.kind))"
    }

    func list(from api: KubernetesAPI) async -> Outcome {
        var objects: [KubernetesObject] = []
        var token: String?
        var page = 1
        let server = api.connection.server
        repeat {
            var query = path + "?limit=\(pageSize)"
            if let token { query += "&continue=" + (token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token) }
            let response: APIResponse
            do {
                response = try await api.get(query)
            } catch {
                return .unreachable(DataGap("cannot list \(what) from \(server): \(error)"))
            }
            switch response.status {
            case 200:
                break
            case 401:
                return .unreachable(DataGap("the API server \(server) refused the credentials (401 Unauthorized) when listing \(what)"))
            case 403:
                return .gap(DataGap(
                    "forbidden to list \(what) (403\(Self.statusMessage(response.body).map { ": \($0)" } ?? "")); the audit needs "
                        + "\"list\" on \(kind.resource) in API group \"\(kind.kind.group)\" cluster-wide (docs/kubernetes-input.md has the ClusterRole)"))
            case 404 where kind.optional:
                return .objects([])
            case 404:
                return .gap(DataGap("\(server) does not serve \(kind.apiVersion) \(kind.resource) (404 Not Found)"))
            case 410:
                return .gap(DataGap("the listing of \(what) expired while paging (410 Gone); run the audit again"))
            default:
                return .gap(DataGap(
                    "listing \(what) failed with HTTP \(response.status)\(Self.statusMessage(response.body).map { ": \($0)" } ?? "")"))
            }
            let file = server + path + (page == 1 ? "" : "#page=\(page)")
            switch parse(response.body, file: file) {
            case .failure(let gap): return .gap(gap)
            case .success(let (found, next)):
                objects += found
                token = next
            }
            page += 1
        } while token != nil && page <= maxPages
        if token != nil {
            return .gap(DataGap("\(what) has more than \(maxPages) pages of \(pageSize); listing stopped"))
        }
        return .objects(objects)
    }

    /// One page: its objects (with the kind and apiVersion a list leaves out of its items) and the
    /// continue token.
    func parse(_ body: [UInt8], file: String) -> Result<([KubernetesObject], String?), DataGap> {
        let documents = limits.parseDocuments(body, isJSON: true)
        guard documents.count == 1, let document = documents.first else {
            return .failure(DataGap("the answer listing \(what) (\(file)) is not one JSON document"))
        }
        let root: SourceNode
        switch document.result {
        case .failure(let error): return .failure(DataGap("the answer listing \(what) (\(file)) cannot be parsed: \(error)"))
        case .success(let node): root = node
        }
        guard root.entries != nil, let items = root.entry("items")?.value else {
            return .failure(DataGap("the answer listing \(what) (\(file)) is not a list"))
        }
        let token = root.entry("metadata")?.value.entry("continue")?.value.string.flatMap { $0.isEmpty ? nil : $0 }
        guard !items.isNull else { return .success(([], token)) }
        guard let itemNodes = items.items else {
            return .failure(DataGap("the answer listing \(what) (\(file)): items is not a list"))
        }
        // The list as kubectl prints it, with the kind and apiVersion this request asked for.
        let list = SourceNode(
            .mapping([
                SourceEntry(key: "apiVersion", keyPosition: root.position, value: scalar(kind.apiVersion, at: root.position)),
                SourceEntry(key: "kind", keyPosition: root.position, value: scalar(kind.kind.kind + "List", at: root.position)),
                SourceEntry(key: "items", keyPosition: items.position, value: SourceNode(.sequence(itemNodes.map(completing)), at: items.position)),
            ]), at: root.position)
        guard let (objects, skipped) = KubernetesObject.objects(in: list, file: file), skipped.isEmpty else {
            return .failure(DataGap("the answer listing \(what) (\(file)) holds items that are not objects"))
        }
        return .success((objects, token))
    }

    /// An item with the list's kind and apiVersion, and without `metadata.managedFields`
    /// (bookkeeping that would double the memory a big cluster takes; kubectl hides it too).
    private func completing(_ item: SourceNode) -> SourceNode {
        guard let entries = item.entries else { return item }
        var completed: [SourceEntry] = [
            SourceEntry(key: "apiVersion", keyPosition: item.position, value: scalar(kind.apiVersion, at: item.position)),
            SourceEntry(key: "kind", keyPosition: item.position, value: scalar(kind.kind.kind, at: item.position)),
        ]
        for entry in entries where entry.key != "apiVersion" && entry.key != "kind" {
            guard entry.key == "metadata", let metadata = entry.value.entries else {
                completed.append(entry)
                continue
            }
            var trimmed = entry
            trimmed.value = SourceNode(.mapping(metadata.filter { $0.key != "managedFields" }), at: entry.value.position)
            completed.append(trimmed)
        }
        return SourceNode(.mapping(completed), at: item.position)
    }

    private func scalar(_ text: String, at position: SourcePosition) -> SourceNode {
        SourceNode(.scalar(SourceScalar(text: text, isPlain: false)), at: position)
    }

    /// The `message` of a Kubernetes Status answer, shortened.
    static func statusMessage(_ body: [UInt8]) -> String? {
        guard body.count < 1 << 20,
              let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
              let message = object["message"] as? String, !message.isEmpty
        else { return nil }
        return message.count > 300 ? String(message.prefix(300)) + "…" : message
    }
}
