import EKSGuardCore
import KubernetesAudit

/// What Gatekeeper does with a violation: reject the request, warn the client, or only record it.
package enum EnforcementAction: String, Sendable, CaseIterable {
    case deny, warn, dryrun

    /// `spec.enforcementAction`, with `scoped` resolved to the action for the validating webhook.
    /// Nil when the value is not one Gatekeeper knows.
    package init?(spec: Cursor) {
        let written = spec["enforcementAction"].text ?? "deny"
        if written.lowercased() == "scoped" {
            let scoped = spec["scopedEnforcementActions"].items.filter { entry in
                entry["enforcementPoints"].items.contains { point in
                    let name = point["name"].text ?? ""
                    return name == "*" || name == "validation.gatekeeper.sh"
                }
            }
            // The strictest action any entry for the webhook names wins.
            let actions = scoped.compactMap { $0["action"].text.flatMap { EnforcementAction(rawValue: $0.lowercased()) } }
            guard let strictest = actions.min(by: { $0.rank < $1.rank }) else { return nil }
            self = strictest
            return
        }
        guard let action = EnforcementAction(rawValue: written.lowercased()) else { return nil }
        self = action
    }

    private var rank: Int {
        switch self {
        case .deny: 0
        case .warn: 1
        case .dryrun: 2
        }
    }
}
