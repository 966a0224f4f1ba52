import EKSGuardCore

/// Collects one check's findings on a workload, turning wrongly typed fields into `error`
/// findings (never a silent pass).
package struct WorkloadFindings {
    package let workload: Workload
    package private(set) var findings: [Finding] = []

    package init(_ workload: Workload) { self.workload = workload }

    package mutating func fail(
        _ message: String, at cursor: Cursor, container: Container? = nil,
        severity: Severity? = nil, references: [String] = []
    ) {
        findings.append(Finding(
            status: .fail, message: message, resource: workload.ref(cursor, container: container),
            severity: severity, references: references))
    }

    package mutating func error(_ message: String, at cursor: Cursor, container: Container? = nil) {
        findings.append(.error(message, at: workload.ref(cursor, container: container)))
    }

    package mutating func notApplicable(_ message: String, at cursor: Cursor) {
        findings.append(.notApplicable(message, at: workload.ref(cursor)))
    }

    /// The value of a field; records an `error` finding and returns nil when it has the wrong type.
    package mutating func read<T>(_ field: Field<T>, at cursor: Cursor, container: Container? = nil) -> T? {
        switch field {
        case .absent: return nil
        case .value(let value): return value
        case .invalid(let reason):
            error("cannot evaluate: \(reason)", at: cursor, container: container)
            return nil
        }
    }

    /// The items of a list field; records an `error` finding when the field is not a list.
    package mutating func list(_ cursor: Cursor, container: Container? = nil) -> [Cursor] {
        if let problem = cursor.typeError(expectingList: true) {
            error("cannot evaluate: \(problem)", at: cursor, container: container)
            return []
        }
        return cursor.items
    }

    /// Every container, recording an error for a containers field that is not a list.
    package mutating func containers() -> [Container] {
        for (cursor, reason) in workload.containerListErrors { error("cannot evaluate: \(reason)", at: cursor) }
        return workload.containers
    }
}

extension WorkloadFindings {
    /// Seccomp and AppArmor profiles share one rule: when the profile object is present its type
    /// must be RuntimeDefault or Localhost (Unconfined, empty or unknown fail).
    /// Returns nil when the profile is absent, else whether its type is allowed.
    @discardableResult
    package mutating func checkProfileType(
        _ profile: Cursor, owner: String, what: String, container: Container? = nil, references: [String] = []
    ) -> Bool? {
        guard profile.exists else { return nil }
        let type = profile["type"]
        let value = read(type.string, at: type, container: container)
        if value == "RuntimeDefault" || value == "Localhost" { return true }
        if type.string.invalidReason == nil {
            fail("\(owner) sets \(what) type \"\(value ?? "")\"", at: type, container: container, references: references)
        }
        return false
    }
}
