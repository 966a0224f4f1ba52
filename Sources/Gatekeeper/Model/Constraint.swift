import EKSGuardCore
import KubernetesAudit

/// A Gatekeeper constraint of a kind eksguard implements: which objects it matches, with which
/// parameters, and what happens to a violation.
package struct Constraint: Sendable {
    package static let group = "constraints.gatekeeper.sh"

    package var rule: any ConstraintRule.Type
    package var name: String
    package var action: EnforcementAction
    package var match: ConstraintMatch
    package var parameters: Parameters
    package var file: String
    package var position: SourcePosition

    package var kind: String { rule.kind }
    /// The reference results carry (`gatekeeper:K8sPSPPrivilegedContainer`).
    package var reference: String { "gatekeeper:\(kind)" }

    /// Reads a constraint object; throws naming the file and field when it is not valid.
    package init(_ object: KubernetesObject) throws(ConstraintError) {
        let at = "\(object.file):\(object.root.position.line)"
        guard object.group == Self.group else {
            throw ConstraintError("\(at): \(object.kind) is not a Gatekeeper constraint (apiVersion \(Self.group)/...)")
        }
        guard let rule = ConstraintKinds.rule(for: object.kind) else {
            throw ConstraintError("\(at): constraint kind \(object.kind) is not implemented natively (supported: \(ConstraintKinds.names.joined(separator: ", ")))")
        }
        guard let name = object.name, !name.isEmpty else { throw ConstraintError("\(at): metadata.name is required") }
        let spec = object.root["spec"]
        guard let action = EnforcementAction(spec: spec) else {
            throw ConstraintError("\(at): spec.enforcementAction must be deny, warn, dryrun or scoped with a validation action")
        }
        do {
            match = try ConstraintMatch(spec["match"])
        } catch {
            throw ConstraintError("\(at): \(error.message)")
        }
        let parameters = spec["parameters"]
        for (key, expected) in rule.parameterTypes {
            if let problem = Self.typeProblem(parameters[key], expected) { throw ConstraintError("\(at): \(problem)") }
        }
        self.rule = rule
        self.name = name
        self.action = action
        self.parameters = Parameters(parameters)
        file = object.file
        position = object.root.position
    }

    /// Violations of this constraint for a review, or nil when the constraint does not apply
    /// to it (not matched, or an UPDATE the kind ignores).
    package func evaluate(_ review: PodReview) -> [Violation]? {
        guard match.matches(review) else { return nil }
        // Only UPDATE is special: a DELETE review carries the deleted object and is evaluated like
        // any other, as Gatekeeper does (the webhook is not registered for DELETE).
        if review.operation == .update && rule.skipsUpdates { return nil }
        return rule.violations(review, parameters)
    }

    private static func typeProblem(_ value: Cursor, _ expected: ParameterType) -> String? {
        guard let node = value.node else { return nil }
        let ok: Bool = switch expected {
        case .string: node.scalar != nil
        case .bool: node.scalar?.bool != nil
        case .int: node.scalar?.int != nil
        case .strings: node.items?.allSatisfy { $0.scalar != nil } ?? false
        case .object: node.entries != nil
        case .objects: node.items?.allSatisfy { $0.entries != nil } ?? false
        }
        let wanted: String = switch expected {
        case .string: "a string"
        case .bool: "a boolean"
        case .int: "an integer"
        case .strings: "a list of strings"
        case .object: "a mapping"
        case .objects: "a list of mappings"
        }
        return ok ? nil : "\(value.path) must be \(wanted), found \(node.kindDescription)"
    }
}
