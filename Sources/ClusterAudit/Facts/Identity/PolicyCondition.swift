import ClusterSnapshot
import EKSGuardCore

/// One `Condition` entry: an operator, a key and the values it is compared with.
package struct PolicyCondition: Sendable, Equatable {
    package var conditionOperator: ConditionOperator
    package var key: String
    package var values: [String]

    package init(_ conditionOperator: ConditionOperator, key: String, values: [String]) {
        self.conditionOperator = conditionOperator
        self.key = key
        self.values = values
    }

    /// `StringLike sts.amazonaws.com` style text for messages.
    package var shown: String {
        "\(conditionOperator.raw) \(key) = \(values.joined(separator: ", "))"
    }

    /// Whether the condition pins the key to exactly these values: an equality operator (or a
    /// pattern operator with no wildcard in any value), not negated, not `IfExists` (which lets a
    /// request without the key through), and not `ForAllValues` (true when the key is absent).
    package var pinsExactly: Bool {
        let op = conditionOperator
        guard !op.negated, !op.ifExists, op.qualifier != .forAllValues else { return false }
        if op.isEquality { return true }
        return op.isPattern && !values.contains { !Glob($0).isLiteral }
    }

    /// `"Condition": {"StringEquals": {"k": "v"}, ...}`; an absent block is no condition.
    static func parseBlock(_ block: JSONValue?) -> Fetched<[PolicyCondition]> {
        guard let block else { return .success([]) }
        guard let operators = block.object else { return .failure(DataGap("Condition is not an object")) }
        var conditions: [PolicyCondition] = []
        for name in operators.keys.sorted() {
            guard let op = ConditionOperator(name) else { return .failure(DataGap("unknown condition operator \"\(name)\"")) }
            guard let keys = operators[name]?.object else { return .failure(DataGap("Condition.\(name) is not an object")) }
            for key in keys.keys.sorted() {
                switch PolicyDocument.strings(keys[key]!, element: "Condition.\(name).\(key)") {
                case .success(let values): conditions.append(PolicyCondition(op, key: key, values: values))
                case .failure(let gap): return .failure(gap)
                }
            }
        }
        guard conditions.count <= PolicyDocument.maxValuesPerElement else {
            return .failure(DataGap("Condition has more than \(PolicyDocument.maxValuesPerElement) keys"))
        }
        return .success(conditions)
    }
}

/// A condition operator: its base (`StringLike`), an optional set qualifier (`ForAnyValue:`) and
/// the `IfExists` suffix.
package struct ConditionOperator: Sendable, Equatable {
    package enum Qualifier: Sendable, Equatable { case none, forAnyValue, forAllValues }

    package var raw: String
    package var base: String
    package var qualifier: Qualifier
    package var ifExists: Bool

    /// The operators IAM documents; anything else is rejected, as IAM rejects it.
    package static let bases: Set<String> = [
        "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
        "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan",
        "NumericGreaterThanEquals", "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan",
        "DateGreaterThanEquals", "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals",
        "ArnNotLike", "Null",
    ]

    package init?(_ raw: String) {
        self.raw = raw
        var name = Substring(raw)
        if name.hasPrefix("ForAnyValue:") {
            qualifier = .forAnyValue
            name = name.dropFirst("ForAnyValue:".count)
        } else if name.hasPrefix("ForAllValues:") {
            qualifier = .forAllValues
            name = name.dropFirst("ForAllValues:".count)
        } else {
            qualifier = .none
        }
        ifExists = name.hasSuffix("IfExists") && name != "Null"
        if ifExists { name = name.dropLast("IfExists".count) }
        guard Self.bases.contains(String(name)), !(ifExists && name == "Null") else { return nil }
        base = String(name)
    }

    /// `StringNotEquals`, `ArnNotLike`, `NotIpAddress`: true when the value differs.
    package var negated: Bool { base.contains("Not") }
    package var isEquality: Bool { ["StringEquals", "StringEqualsIgnoreCase", "ArnEquals"].contains(base) }
    package var isPattern: Bool { ["StringLike", "ArnLike"].contains(base) }
}
