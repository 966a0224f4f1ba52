import EKSGuardCore
import KubernetesAudit

/// A Kubernetes label selector: `matchLabels` and `matchExpressions` (In, NotIn, Exists,
/// DoesNotExist), all of which must hold.
package struct LabelSelector: Sendable {
    package enum Operator: String, Sendable { case `in` = "In", notIn = "NotIn", exists = "Exists", doesNotExist = "DoesNotExist" }

    package struct Requirement: Sendable {
        package var key: String
        package var op: Operator
        package var values: [String]
    }

    package var matchLabels: [String: String]
    package var requirements: [Requirement]

    /// Reads a selector; throws a message naming the field when it is malformed.
    package init(_ cursor: Cursor) throws(ConstraintError) {
        var labels: [String: String] = [:]
        for (key, value) in cursor["matchLabels"].fields {
            guard let text = value.text else { throw ConstraintError("\(value.path) must be a string") }
            labels[key] = text
        }
        matchLabels = labels
        var requirements: [Requirement] = []
        for expression in cursor["matchExpressions"].items {
            guard let key = expression["key"].text else { throw ConstraintError("\(expression.path).key is required") }
            guard let op = expression["operator"].text.flatMap(Operator.init(rawValue:)) else {
                throw ConstraintError("\(expression.path).operator must be In, NotIn, Exists or DoesNotExist")
            }
            let values = expression["values"].texts
            if (op == .in || op == .notIn) && values.isEmpty {
                throw ConstraintError("\(expression.path).values must not be empty for \(op.rawValue)")
            }
            requirements.append(Requirement(key: key, op: op, values: values))
        }
        self.requirements = requirements
    }

    package func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels where labels[key] != value { return false }
        return requirements.allSatisfy { requirement in
            let value = labels[requirement.key]
            switch requirement.op {
            case .in: return value.map(requirement.values.contains) ?? false
            case .notIn: return value.map { !requirement.values.contains($0) } ?? true
            case .exists: return value != nil
            case .doesNotExist: return value == nil
            }
        }
    }
}

/// Why a constraint, suite or configuration could not be read.
package struct ConstraintError: Error, Sendable, CustomStringConvertible {
    package var message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}
