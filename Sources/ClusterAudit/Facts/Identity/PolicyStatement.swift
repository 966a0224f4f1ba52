import ClusterSnapshot
import EKSGuardCore

/// One statement of a policy document.
package struct PolicyStatement: Sendable, Equatable {
    package enum Effect: String, Sendable { case allow = "Allow", deny = "Deny" }

    /// `Action` (listed patterns) or `NotAction` (everything except the patterns); the same for
    /// `Resource` / `NotResource` and `Principal` / `NotPrincipal`.
    package struct Element: Sendable, Equatable {
        package var values: [String]
        package var negated: Bool

        package init(_ values: [String], negated: Bool = false) {
            self.values = values
            self.negated = negated
        }

        /// Whether a concrete value is covered: matched by a pattern, or (negated) by none. Matching
        /// ignores case, as IAM does for actions; the model matches nothing else through it.
        package func covers(_ value: String) -> Bool {
            let matched = values.contains { Glob($0).matches(value) }
            return matched != negated
        }

        /// `s3:GetObject, s3:Put*` or `NotAction s3:*`, for messages.
        package var shown: String {
            (negated ? "everything except " : "") + values.joined(separator: ", ")
        }
    }

    package var sid: String?
    package var effect: Effect
    package var actions: Element
    package var resources: Element?
    package var principal: PolicyPrincipal?
    package var conditions: [PolicyCondition]

    package init(
        sid: String? = nil, effect: Effect, actions: Element, resources: Element? = nil,
        principal: PolicyPrincipal? = nil, conditions: [PolicyCondition] = []
    ) {
        self.sid = sid
        self.effect = effect
        self.actions = actions
        self.resources = resources
        self.principal = principal
        self.conditions = conditions
    }

    /// Whether this statement allows `action` (actions are case-insensitive in IAM).
    package func allows(_ action: String) -> Bool {
        effect == .allow && actions.covers(action)
    }

    /// The conditions on one key (keys are case-insensitive in IAM).
    package func conditions(on key: String) -> [PolicyCondition] {
        let wanted = key.lowercased()
        return conditions.filter { $0.key.lowercased() == wanted }
    }

    /// The statement's label in messages: its Sid, or its position.
    package func label(index: Int) -> String {
        sid.map { "statement \"\($0)\"" } ?? "statement \(index + 1)"
    }

    static func parse(_ value: JSONValue) -> Fetched<PolicyStatement> {
        guard value.object != nil else { return .failure(DataGap("a statement is not an object")) }
        let effect: Effect
        switch value["Effect"] {
        case .string(let text)?:
            guard let known = Effect(rawValue: text) else { return .failure(DataGap("unknown Effect \"\(text)\"")) }
            effect = known
        default: return .failure(DataGap("Effect is missing or not a string"))
        }
        let sid = value["Sid"]?.string
        return element(value, "Action", "NotAction", required: true).flatMap { actions in
            element(value, "Resource", "NotResource", required: false).flatMap { resources in
                PolicyPrincipal.parse(value).flatMap { principal in
                    PolicyCondition.parseBlock(value["Condition"]).map { conditions in
                        PolicyStatement(
                            sid: sid, effect: effect, actions: actions!, resources: resources, principal: principal,
                            conditions: conditions)
                    }
                }
            }
        }
    }

    /// `positive` or `negative` (never both); nil when neither is present and it is optional.
    private static func element(_ value: JSONValue, _ positive: String, _ negative: String, required: Bool) -> Fetched<Element?> {
        switch (value[positive], value[negative]) {
        case (.some, .some): return .failure(DataGap("both \(positive) and \(negative) are present"))
        case (let list?, nil): return PolicyDocument.strings(list, element: positive).map { Element($0) }
        case (nil, let list?): return PolicyDocument.strings(list, element: negative).map { Element($0, negated: true) }
        case (nil, nil): return required ? .failure(DataGap("neither \(positive) nor \(negative) is present")) : .success(nil)
        }
    }
}
