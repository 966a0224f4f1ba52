import EKSGuardCore
import Gatekeeper
import KubernetesAudit

/// What a rule does at admission: reject the request, let it through with a warning, or nothing.
package enum AdmissionAction: String, Sendable, CaseIterable {
    case deny, warn, off
}

/// The webhook's configuration file: which checks and constraints deny, warn or are off, which
/// namespaces are never checked, and the Pod Security level the catalog checks use.
///
/// ```yaml
/// podSecurityLevel: restricted      # baseline | restricted
/// defaultAction: deny               # Pod Security checks not listed under checks (other checks: warn)
/// checks:                           # check ID or glob (catalog IDs, GK-<Kind>/<name>) → deny | warn | off
///   EKS-IMG-*: warn
/// constraints: [/etc/eksguard/constraints]   # Gatekeeper constraint files or folders
/// exemptNamespaces: [kube-system, "istio-*"]
/// ```
package struct WebhookPolicy: Sendable {
    package var podSecurityLevel: PodSecurityLevel
    package var podSecurityVersion: PodSecurityVersion
    package var defaultAction: AdmissionAction
    /// Ordered: the first pattern matching a check ID decides.
    package var checkActions: [(pattern: Glob, action: AdmissionAction)]
    package var constraintPaths: [String]
    package var exemptNamespaces: [Glob]

    package init(
        podSecurityLevel: PodSecurityLevel = .restricted, podSecurityVersion: PodSecurityVersion = .latest,
        defaultAction: AdmissionAction = .deny, checkActions: [(pattern: Glob, action: AdmissionAction)] = [],
        constraintPaths: [String] = [], exemptNamespaces: [Glob] = [Glob("kube-system")]
    ) {
        self.podSecurityLevel = podSecurityLevel
        self.podSecurityVersion = podSecurityVersion
        self.defaultAction = defaultAction
        self.checkActions = checkActions
        self.constraintPaths = constraintPaths
        self.exemptNamespaces = exemptNamespaces
    }

    /// The configured action for a check ID, or nil when no pattern names it.
    package func configuredAction(for id: String) -> AdmissionAction? {
        checkActions.first { $0.pattern.matches(id) }?.action
    }

    /// A catalog check's action: as configured, else `defaultAction` for Pod Security Standards
    /// controls and `warn` for the other workload checks (image tags, limits), which are advice.
    package func action(for check: CheckMetadata) -> AdmissionAction {
        if let configured = configuredAction(for: check.id) { return configured }
        return check.references.contains { $0.hasPrefix("PSS:") } ? defaultAction : .warn
    }

    package func isExempt(namespace: String?) -> Bool {
        guard let namespace else { return false }
        return exemptNamespaces.contains { $0.matches(namespace) }
    }

    /// Reads the configuration file; errors name the file and field.
    package static func load(_ bytes: [UInt8], name: String) throws(ConstraintError) -> WebhookPolicy {
        let root: SourceNode?
        do {
            root = try YAMLLimits.standard.parseSingleDocument(bytes)
        } catch {
            throw ConstraintError("\(name): \(error)")
        }
        var policy = WebhookPolicy()
        guard let root else { return policy }
        let cursor = Cursor(node: root, path: "", position: root.position)
        guard root.entries != nil else { throw ConstraintError("\(name): the configuration must be a mapping") }
        let known: Set = ["podSecurityLevel", "podSecurityVersion", "defaultAction", "checks", "constraints", "exemptNamespaces"]
        for (key, value) in cursor.fields where !known.contains(key) {
            throw ConstraintError("\(name):\(value.position.line): unknown setting \(key) (known: \(known.sorted().joined(separator: ", ")))")
        }
        if let level = cursor["podSecurityLevel"].text {
            guard let parsed = PodSecurityLevel(rawValue: level) else {
                throw ConstraintError("\(name): podSecurityLevel must be privileged, baseline or restricted")
            }
            policy.podSecurityLevel = parsed
        }
        if let version = cursor["podSecurityVersion"].text {
            guard let parsed = PodSecurityVersion(version) else { throw ConstraintError("\(name): podSecurityVersion must be latest or v1.N") }
            policy.podSecurityVersion = parsed
        }
        if let text = cursor["defaultAction"].text {
            policy.defaultAction = try action(text, at: "\(name): defaultAction")
        }
        for (pattern, value) in cursor["checks"].fields {
            // YAML reads a bare `off` as the boolean false; accept it as the action.
            let text = value.node?.scalar?.bool == false ? "off" : (value.text ?? "")
            policy.checkActions.append((Glob(pattern), try action(text, at: "\(name): \(value.path)")))
        }
        policy.constraintPaths = cursor["constraints"].texts
        if cursor["exemptNamespaces"].exists { policy.exemptNamespaces = cursor["exemptNamespaces"].texts.map(Glob.init) }
        return policy
    }

    private static func action(_ text: String, at place: String) throws(ConstraintError) -> AdmissionAction {
        guard let action = AdmissionAction(rawValue: text.lowercased()) else {
            throw ConstraintError("\(place) must be deny, warn or off (got \"\(text)\")")
        }
        return action
    }
}
