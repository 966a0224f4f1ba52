import EKSGuardCore

/// One Kubernetes object read from a file (an item of a `List` counts as an object of its own).
package struct KubernetesObject: Sendable {
    package var apiVersion: String
    package var kind: String
    package var name: String?
    package var namespace: String?
    package var file: String
    /// The object's root, whose path is `items[3]` inside a List and empty otherwise.
    package var root: Cursor

    /// The API group of `apiVersion` (`apps` for `apps/v1`, empty for the core group `v1`).
    package var group: String {
        guard let slash = apiVersion.lastIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    package var resource: ResourceRef {
        ResourceRef(
            kind: kind, namespace: namespace, name: name, file: file,
            line: root.position.line, column: root.position.column)
    }

    /// Reads the objects of one document: the document itself, or the items of a `List` /
    /// `*List` (what `kubectl get -o yaml` prints). Nil when the document is no Kubernetes object;
    /// `skipped` holds the list items that are not objects either.
    package static func objects(in document: SourceNode, file: String) -> (objects: [KubernetesObject], skipped: [Cursor])? {
        let root = Cursor(node: document, path: "", position: document.position)
        guard let object = KubernetesObject(root, file: file) else { return nil }
        guard object.kind.hasSuffix("List"), root["items"].node?.items != nil else { return ([object], []) }
        var objects: [KubernetesObject] = []
        var skipped: [Cursor] = []
        for item in root["items"].items {
            if let object = KubernetesObject(item, file: file) { objects.append(object) } else { skipped.append(item) }
        }
        return (objects, skipped)
    }

    init?(_ root: Cursor, file: String) {
        guard let kind = root["kind"].string.value, !kind.isEmpty,
              let apiVersion = root["apiVersion"].string.value, !apiVersion.isEmpty
        else { return nil }
        self.apiVersion = apiVersion
        self.kind = kind
        self.file = file
        self.root = root
        name = root["metadata"]["name"].string.value ?? root["metadata"]["generateName"].string.value.map { $0 + "*" }
        namespace = root["metadata"]["namespace"].string.value
    }
}
