import EKSGuardCore
import KubernetesAudit

/// One violation of a constraint: Gatekeeper's message, plus the container and field it is about
/// so reports and denials can point at them.
package struct Violation: Sendable, Equatable {
    package var message: String
    /// The offending field's path in the object (`spec.containers[0].securityContext.privileged`).
    package var field: String
    package var position: SourcePosition
    package var container: String?

    package init(_ message: String, at cursor: Cursor, container: Container? = nil) {
        self.message = message
        field = cursor.path
        position = cursor.position
        self.container = container?.name
    }
}

extension Array where Element == Violation {
    /// Rego collects violations in a set: identical messages count once.
    mutating func appendUnique(_ violation: Violation) {
        if !contains(where: { $0.message == violation.message }) { append(violation) }
    }
}
