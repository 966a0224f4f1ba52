import EKSGuardCore

/// Bounds that keep hostile YAML from exhausting memory or time.
package struct YAMLLimits: Sendable {
    /// Deepest nesting of mappings and sequences.
    package var maxDepth: Int
    /// Most nodes one document may expand to, counting every alias expansion (alias bombs).
    package var maxNodesPerDocument: Int

    package init(maxDepth: Int = 200, maxNodesPerDocument: Int = 2_000_000) {
        self.maxDepth = maxDepth
        self.maxNodesPerDocument = maxNodesPerDocument
    }

    package static let standard = YAMLLimits()
}

/// Why a document could not be read, and where.
package struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    package var message: String
    package var position: SourcePosition

    package init(_ message: String, at position: SourcePosition) {
        self.message = message
        self.position = position
    }

    package var description: String { "line \(position.line), column \(position.column): \(message)" }
}
