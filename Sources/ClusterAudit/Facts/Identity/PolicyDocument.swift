import ClusterSnapshot
import EKSGuardCore
import Foundation

/// An IAM policy document (identity, trust or resource policy) as IAM evaluates it: statements
/// with their effect, actions, resources, principals and conditions. Every element IAM accepts in
/// two forms (a string or a list, one statement or a list of them) is read in both.
package struct PolicyDocument: Sendable, Equatable {
    package var statements: [PolicyStatement]

    /// IAM caps documents at 10 KiB (inline), 6 KiB (managed) and 8 KiB (trust); anything much larger
    /// is not a real policy, and bounding it bounds the matching work.
    package static let maxBytes = 64 * 1024
    package static let maxStatements = 500
    package static let maxValuesPerElement = 1_000
    package static let maxValueLength = 2_048

    package init(statements: [PolicyStatement]) {
        self.statements = statements
    }

    /// Reads a document stored as text (the snapshot keeps the URL-decoded JSON, the raw API sends
    /// it percent-encoded: both are accepted) or as an already parsed object. `source` names the
    /// document in errors ("trust policy of role app").
    package static func parse(_ value: JSONValue, source: String) -> Fetched<PolicyDocument> {
        switch value {
        case .object: return parse(object: value, source: source)
        case .string(let text): return parse(text: text, source: source)
        default: return .failure(DataGap("\(source) is neither JSON text nor an object"))
        }
    }

    package static func parse(text: String, source: String) -> Fetched<PolicyDocument> {
        guard text.utf8.count <= maxBytes else {
            return .failure(DataGap("\(source) is \(text.utf8.count) bytes, more than the \(maxBytes) a policy can be"))
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let decoded = trimmed.hasPrefix("{") ? trimmed : (trimmed.removingPercentEncoding ?? trimmed)
        guard let value = JSONValue.parse(Data(decoded.utf8)), value.object != nil else {
            return .failure(DataGap("\(source) is not a JSON object"))
        }
        return parse(object: value, source: source)
    }

    private static func parse(object: JSONValue, source: String) -> Fetched<PolicyDocument> {
        let raw: [JSONValue]
        switch object["Statement"] {
        case .array(let list)?: raw = list
        case .object?: raw = [object["Statement"]!]
        case nil: return .failure(DataGap("\(source) has no Statement"))
        default: return .failure(DataGap("\(source): Statement is neither an object nor a list"))
        }
        guard raw.count <= maxStatements else {
            return .failure(DataGap("\(source) has \(raw.count) statements, more than \(maxStatements)"))
        }
        var statements: [PolicyStatement] = []
        for (index, item) in raw.enumerated() {
            switch PolicyStatement.parse(item) {
            case .success(let statement): statements.append(statement)
            case .failure(let problem): return .failure(DataGap("\(source), statement \(index + 1): \(problem.reason)"))
            }
        }
        return .success(PolicyDocument(statements: statements))
    }

    /// Reads a string-or-list element (`Action`, `Resource`, a condition's values, a principal's
    /// ARNs). Booleans and numbers count as their text, as IAM compares them.
    static func strings(_ value: JSONValue, element: String) -> Fetched<[String]> {
        let items: [JSONValue]
        if case .array(let list) = value { items = list } else { items = [value] }
        guard items.count <= maxValuesPerElement else {
            return .failure(DataGap("\(element) has \(items.count) values, more than \(maxValuesPerElement)"))
        }
        var values: [String] = []
        for item in items {
            let text: String
            switch item {
            case .string(let string): text = string
            case .bool(let flag): text = flag ? "true" : "false"
            case .number(let number): text = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
            default: return .failure(DataGap("\(element) holds a value that is not a string"))
            }
            guard text.count <= maxValueLength else {
                return .failure(DataGap("\(element) holds a value longer than \(maxValueLength) characters"))
            }
            values.append(text)
        }
        return .success(values)
    }
}
