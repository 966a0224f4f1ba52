import EKSGuardCore

/// How much an identity policy lets its holder do, judged from its Allow statements (Deny
/// statements are ignored: a grant they narrow is still reported, which errs on the safe side).
package enum PermissionLevel: Int, Sendable, Comparable {
    case none, readOnly, write, admin

    package static func < (a: PermissionLevel, b: PermissionLevel) -> Bool { a.rawValue < b.rawValue }

    package var shown: String {
        switch self {
        case .none: "no permissions"
        case .readOnly: "read-only permissions"
        case .write: "write permissions"
        case .admin: "administrator permissions"
        }
    }

    /// Action names (after `service:`) that only read.
    static let readVerbs = ["Get", "List", "Describe", "BatchGet", "BatchCheck", "View", "Search", "Lookup", "Query", "Scan"]

    /// The level of one statement. `*` / `*:*` on every resource is admin; `NotAction` allows
    /// everything but a few actions, so it counts as write (admin on every resource).
    package static func of(_ statement: PolicyStatement) -> PermissionLevel {
        guard statement.effect == .allow else { return .none }
        let everyResource = statement.resources.map { !$0.negated && $0.values.contains("*") } ?? true
        if statement.actions.negated { return everyResource ? .admin : .write }
        var level = PermissionLevel.none
        for action in statement.actions.values {
            if action == "*" || action == "*:*" { level = max(level, everyResource ? .admin : .write); continue }
            level = max(level, isReadOnly(action) ? .readOnly : .write)
        }
        return level
    }

    package static func of(_ document: PolicyDocument) -> PermissionLevel {
        document.statements.map(of).max() ?? .none
    }

    /// `s3:Get*` reads; `s3:G*` might not, so only a literal prefix that starts with a read verb counts.
    package static func isReadOnly(_ action: String) -> Bool {
        guard let colon = action.firstIndex(of: ":") else { return false }
        let service = action[..<colon]
        let name = action[action.index(after: colon)...]
        guard Glob(String(service)).isLiteral else { return false }
        let literal = name.prefix { $0 != "*" && $0 != "?" }
        return readVerbs.contains { verb in
            literal.count >= verb.count ? literal.lowercased().hasPrefix(verb.lowercased()) : false
        }
    }
}
