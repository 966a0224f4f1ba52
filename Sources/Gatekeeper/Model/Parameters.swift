import EKSGuardCore
import KubernetesAudit

/// `spec.parameters` of a constraint, read the way the library's policies read them.
package struct Parameters: Sendable {
    package let cursor: Cursor

    package init(_ cursor: Cursor) { self.cursor = cursor }

    package subscript(key: String) -> Cursor { cursor[key] }

    /// A list of strings; nil when the parameter is absent.
    package func strings(_ key: String) -> [String]? {
        cursor[key].exists ? cursor[key].texts : nil
    }

    /// `exemptImages`: an entry ending in `*` exempts every image starting with the rest,
    /// any other entry exactly that image.
    package func isExempt(_ container: Container) -> Bool {
        guard let image = container.cursor["image"].text else { return false }
        return (strings("exemptImages") ?? []).contains { Self.matchesPattern(image, $0) }
    }

    /// The library's prefix patterns: `abc*` matches what starts with `abc`, others match exactly.
    package static func matchesPattern(_ value: String, _ pattern: String) -> Bool {
        pattern.hasSuffix("*") ? value.hasPrefix(pattern.dropLast()) : value == pattern
    }

    /// How a parameter appears in messages: a list as `["a", "b"]`, a scalar as itself.
    package func describe(_ key: String, default fallback: String) -> String {
        let value = cursor[key]
        guard value.exists else { return fallback }
        if let text = value.text { return text }
        if value.node?.items != nil { return "[" + value.texts.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        return Self.render(value)
    }

    /// A compact JSON-like rendering of a value, for messages that print parameters.
    package static func render(_ cursor: Cursor) -> String {
        guard let node = cursor.node else { return "null" }
        if let text = node.scalar?.text { return node.scalar?.isPlain == true ? text : "\"\(text)\"" }
        if node.items != nil { return "[" + cursor.items.map(render).joined(separator: ", ") + "]" }
        return "{" + cursor.fields.map { "\"\($0.key)\": \(render($0.value))" }.joined(separator: ", ") + "}"
    }
}
