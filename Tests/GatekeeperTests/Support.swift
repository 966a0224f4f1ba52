import EKSGuardCore
@testable import Gatekeeper
import KubernetesAudit

/// Builds constraints and reviews from YAML text.
enum Fixture {
    static func constraint(_ kind: String, _ spec: String, name: String = "c") throws -> Constraint {
        let text = "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: \(kind)\nmetadata: {name: \(name)}\nspec:\n"
            + spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        let loaded = ConstraintLoader.parse(Array(text.utf8), name: "constraint.yaml")
        if let problem = loaded.problems.first { throw ConstraintError(problem) }
        guard let constraint = loaded.constraints.first else { throw ConstraintError("no constraint in \(text)") }
        return constraint
    }

    static func object(_ text: String) throws -> KubernetesObject {
        var problems: [String] = []
        let objects = ConstraintLoader.objects(Array(text.utf8), name: "object.yaml", limits: .standard, problems: &problems)
        guard let object = objects.first, problems.isEmpty else { throw ConstraintError("bad object: \(problems)") }
        return object
    }

    /// A Pod named `web` in namespace `apps` around a pod spec written at column 0.
    static func pod(_ spec: String, metadata: String = "{name: web, namespace: apps}") throws -> KubernetesObject {
        try object("apiVersion: v1\nkind: Pod\nmetadata: \(metadata)\nspec:\n"
            + spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
    }
}
