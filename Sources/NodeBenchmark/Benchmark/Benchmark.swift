/// One CIS Amazon EKS Benchmark version's worker-node section: groups of recommendations, each
/// naming the eksguard control (stable check ID) it is an instance of.
package struct Benchmark: Sendable, Decodable {
    package var version: String
    package var name: String
    package var section: Section
    package var groups: [Group]

    package struct Section: Sendable, Decodable {
        package var id: String
        package var text: String
    }

    package struct Group: Sendable, Decodable {
        package var id: String
        package var text: String
        package var checks: [Item]
    }

    /// One recommendation as this version numbers and words it.
    package struct Item: Sendable, Decodable {
        package var id: String
        package var control: String
        package var type: ItemType
        /// Replaces the control's test where this version's audit differs.
        package var test: BenchmarkTest?
    }

    package var items: [Item] { groups.flatMap(\.checks) }
}

/// Automated recommendations are evaluated; manual ones are reported as WARN with the audit
/// to perform, never as PASS.
package enum ItemType: String, Sendable, Decodable {
    case automated, manual
}

/// What a recommendation is about, independent of version: the stable check, its wording,
/// audit, remediation, test and examples.
package struct Control: Sendable, Decodable {
    package var id: String
    package var title: String
    package var text: String
    package var severity: String
    package var rationale: String
    package var audit: String
    package var remediation: String
    /// Nil for recommendations with nothing to read on the node (container-optimized OS).
    package var test: BenchmarkTest?
    package var passing: [Example]
    package var failing: [Example]

    /// A kubelet configuration (JSON) plus file facts, for examples that double as tests.
    package struct Example: Sendable, Decodable {
        package var config: String
        package var flags: [String]?
        package var mode: String?
        package var owner: String?
    }
}
