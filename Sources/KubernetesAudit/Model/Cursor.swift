import EKSGuardCore

/// A field of a Kubernetes object as checks read it: the node if present, its path in the object
/// (`spec.containers[0].securityContext.privileged`) and the nearest position in the file, so a
/// missing field still points at the object or block that should have held it.
package struct Cursor: Sendable {
    package let node: SourceNode?
    package let path: String
    package let position: SourcePosition

    package init(node: SourceNode?, path: String, position: SourcePosition) {
        self.node = node
        self.path = path
        self.position = position
    }

    /// A field of this mapping; absent (with this cursor's position) when missing or null.
    package subscript(key: String) -> Cursor {
        let child = node?.entry(key)
        let present = child.flatMap { $0.value.isNull ? nil : $0 }
        return Cursor(
            node: present?.value,
            path: path.isEmpty ? key : path + "." + key,
            position: present?.value.position ?? child?.keyPosition ?? position)
    }

    package var exists: Bool { node != nil }

    /// The elements of a list; empty when the field is absent (or not a list; see ``typeError``).
    package var items: [Cursor] {
        guard let items = node?.items else { return [] }
        return items.enumerated().map { index, item in
            Cursor(node: item.isNull ? nil : item, path: path + "[" + String(index) + "]", position: item.position)
        }
    }

    /// The entries of a mapping as cursors keyed by field name.
    package var fields: [(key: String, value: Cursor)] {
        guard let entries = node?.entries else { return [] }
        return entries.map { entry in
            (entry.key, Cursor(node: entry.value.isNull ? nil : entry.value, path: path + "." + entry.key, position: entry.value.position))
        }
    }

    package var bool: Field<Bool> {
        typed("a boolean") { $0.scalar?.bool }
    }

    package var int: Field<Int64> {
        typed("an integer") { $0.scalar?.int }
    }

    /// Strings also accept plain scalars that YAML would read as numbers or booleans: Kubernetes
    /// keeps the text for string fields (sigs.k8s.io/yaml converts to the target type).
    package var string: Field<String> {
        typed("a string") { $0.scalar?.text }
    }

    /// A list of strings, each with its own cursor.
    package var stringList: Field<[(String, Cursor)]> {
        guard let node else { return .absent }
        guard node.items != nil else { return .invalid("\(path) must be a list, found \(node.kindDescription)") }
        var values: [(String, Cursor)] = []
        for item in items {
            guard let text = item.node?.scalar?.text else {
                return .invalid("\(item.path) must be a string, found \(item.node?.kindDescription ?? "null")")
            }
            values.append((text, item))
        }
        return .value(values)
    }

    /// Why a present field is not a mapping or list as expected, for checks that iterate.
    package func typeError(expectingList: Bool) -> String? {
        guard let node else { return nil }
        if expectingList, node.items == nil { return "\(path) must be a list, found \(node.kindDescription)" }
        if !expectingList, node.entries == nil { return "\(path) must be a mapping, found \(node.kindDescription)" }
        return nil
    }

    private func typed<T>(_ what: String, _ read: (SourceNode) -> T?) -> Field<T> {
        guard let node else { return .absent }
        if let value = read(node) { return .value(value) }
        return .invalid("\(path) must be \(what), found \(node.kindDescription)")
    }
}

/// A typed field value: absent (unset or null), a value, or present with the wrong type.
/// An invalid field makes the check that reads it report `error`: the API server would reject
/// the object, and eksguard does not guess.
package enum Field<T: Sendable>: Sendable {
    case absent
    case value(T)
    case invalid(String)

    package var value: T? {
        if case .value(let v) = self { return v }
        return nil
    }

    package var invalidReason: String? {
        if case .invalid(let reason) = self { return reason }
        return nil
    }
}
