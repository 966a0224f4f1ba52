import EKSGuardCore
import KubernetesAudit

/// A gator test suite (`kind: Suite`, `test.gatekeeper.sh/v1alpha1`): tests that pair a template
/// and a constraint with cases, each an object and assertions on the violations it produces.
package struct GatorSuite: Sendable {
    package static let apiVersion = "test.gatekeeper.sh/v1alpha1"

    package struct Test: Sendable {
        package var name: String
        package var template: String
        package var constraint: String
        package var cases: [Case]
        package var skip: Bool
    }

    package struct Case: Sendable {
        package var name: String
        package var object: String?
        package var assertions: [Assertion]
        package var skip: Bool
    }

    /// `violations: yes|no|N` with an optional message regular expression.
    package struct Assertion: Sendable {
        package enum Count: Sendable, Equatable {
            case some, none, exactly(Int)
        }

        package var violations: Count
        package var message: String?
    }

    package var path: String
    package var tests: [Test]

    /// Reads a suite document; paths in it stay relative to the suite's folder.
    package init(_ root: Cursor, path: String) throws(ConstraintError) {
        guard root["kind"].text == "Suite", root["apiVersion"].text == Self.apiVersion else {
            throw ConstraintError("\(path): not a gator Suite (kind: Suite, apiVersion: \(Self.apiVersion))")
        }
        self.path = path
        var tests: [Test] = []
        for test in root["tests"].items {
            var cases: [Case] = []
            for item in test["cases"].items {
                var assertions: [Assertion] = []
                for assertion in item["assertions"].items {
                    assertions.append(Assertion(violations: try Self.count(assertion["violations"]), message: assertion["message"].text))
                }
                cases.append(Case(
                    name: item["name"].text ?? "case \(cases.count + 1)", object: item["object"].text,
                    assertions: assertions, skip: item["skip"].isBool(true)))
            }
            guard let template = test["template"].text, let constraint = test["constraint"].text else {
                throw ConstraintError("\(path): \(test.path) needs template and constraint")
            }
            tests.append(Test(
                name: test["name"].text ?? "test \(tests.count + 1)", template: template, constraint: constraint,
                cases: cases, skip: test["skip"].isBool(true)))
        }
        self.tests = tests
    }

    private static func count(_ cursor: Cursor) throws(ConstraintError) -> Assertion.Count {
        guard let scalar = cursor.node?.scalar else { return .some }
        if let number = scalar.int, number >= 0 { return .exactly(Int(number)) }
        switch scalar.text.lowercased() {
        case "yes": return .some
        case "no": return .none
        default: throw ConstraintError("\(cursor.path) must be yes, no or a number (got \"\(scalar.text)\")")
        }
    }
}
