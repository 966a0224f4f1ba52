/// What a result is about: a Kubernetes object (and container), an AWS resource, or a file,
/// with the exact position of the offending field when the input is a file.
public struct ResourceRef: Sendable, Hashable, Codable {
    public var kind: String?
    public var namespace: String?
    public var name: String?
    public var container: String?
    public var arn: String?
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// The field path inside the object (`spec.containers[0].securityContext.privileged`).
    public var field: String?

    public init(
        kind: String? = nil, namespace: String? = nil, name: String? = nil, container: String? = nil,
        arn: String? = nil, file: String? = nil, line: Int? = nil, column: Int? = nil, field: String? = nil
    ) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.container = container
        self.arn = arn
        self.file = file
        self.line = line
        self.column = column
        self.field = field
    }

    /// The same resource, pointing at another field.
    public func at(_ field: String?, _ position: SourcePosition?, container: String? = nil) -> ResourceRef {
        var copy = self
        copy.field = field
        if let position {
            copy.line = position.line
            copy.column = position.column
        }
        if let container { copy.container = container }
        return copy
    }

    /// `Kind/namespace/name[/container]` (`Kind/name` when cluster-scoped), the form waiver
    /// `resource` globs match; the ARN or the file stands in when there is no object name.
    public var displayName: String {
        var parts: [String] = []
        if let kind { parts.append(kind) }
        if let namespace { parts.append(namespace) }
        if let name { parts.append(name) }
        if let container { parts.append(container) }
        if !parts.isEmpty { return parts.joined(separator: "/") }
        if let arn { return arn }
        return file ?? "-"
    }

    /// `file:line:column` when the input was a file.
    public var location: String? {
        guard let file else { return nil }
        guard let line else { return file }
        guard let column else { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }
}
