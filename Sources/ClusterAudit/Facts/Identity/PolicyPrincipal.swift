import ClusterSnapshot
import EKSGuardCore

/// Who a trust or resource policy statement applies to: `"*"` (anyone), or ARNs and names by type
/// (`AWS`, `Service`, `Federated`, `CanonicalUser`), each a string or a list.
package struct PolicyPrincipal: Sendable, Equatable {
    /// `Principal: "*"`.
    package var anyone: Bool
    package var byType: [String: [String]]
    /// `NotPrincipal`: the statement applies to everyone except these.
    package var negated: Bool

    package init(anyone: Bool = false, byType: [String: [String]] = [:], negated: Bool = false) {
        self.anyone = anyone
        self.byType = byType
        self.negated = negated
    }

    package static let types: Set<String> = ["AWS", "Service", "Federated", "CanonicalUser"]

    package func values(_ type: String) -> [String] { byType[type] ?? [] }

    /// Anyone at all: `"*"`, `{"AWS": "*"}`, or a `NotPrincipal` (everyone but a few).
    package var isPublic: Bool {
        negated || anyone || values("AWS").contains("*")
    }

    static func parse(_ statement: JSONValue) -> Fetched<PolicyPrincipal?> {
        let negated: Bool
        let raw: JSONValue
        switch (statement["Principal"], statement["NotPrincipal"]) {
        case (.some, .some): return .failure(DataGap("both Principal and NotPrincipal are present"))
        case (let value?, nil): (raw, negated) = (value, false)
        case (nil, let value?): (raw, negated) = (value, true)
        case (nil, nil): return .success(nil)
        }
        if raw.string == "*" { return .success(PolicyPrincipal(anyone: true, negated: negated)) }
        guard let fields = raw.object else { return .failure(DataGap("Principal is neither \"*\" nor an object")) }
        var byType: [String: [String]] = [:]
        for (type, value) in fields {
            guard types.contains(type) else { return .failure(DataGap("unknown principal type \"\(type)\"")) }
            switch PolicyDocument.strings(value, element: "Principal.\(type)") {
            case .success(let values): byType[type] = values
            case .failure(let gap): return .failure(gap)
            }
        }
        return .success(PolicyPrincipal(byType: byType, negated: negated))
    }
}
