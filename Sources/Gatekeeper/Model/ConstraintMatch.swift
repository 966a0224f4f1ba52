import EKSGuardCore
import KubernetesAudit

/// `spec.match` of a constraint: which objects it applies to.
package struct ConstraintMatch: Sendable {
    package enum Scope: String, Sendable { case all = "*", cluster = "Cluster", namespaced = "Namespaced" }

    package struct KindSelector: Sendable {
        package var groups: [String]
        package var kinds: [String]

        func matches(group: String, kind: String) -> Bool {
            (groups.contains("*") || groups.contains(group)) && (kinds.contains("*") || kinds.contains(kind))
        }
    }

    package var kinds: [KindSelector]
    package var namespaces: [Glob]?
    package var excludedNamespaces: [Glob]
    package var scope: Scope
    package var labelSelector: LabelSelector?
    package var namespaceSelector: LabelSelector?
    package var name: Glob?

    /// A match that selects everything (a constraint without `spec.match`).
    package static let everything = ConstraintMatch(
        kinds: [], namespaces: nil, excludedNamespaces: [], scope: .all, labelSelector: nil, namespaceSelector: nil, name: nil)

    package init(
        kinds: [KindSelector], namespaces: [Glob]?, excludedNamespaces: [Glob], scope: Scope,
        labelSelector: LabelSelector?, namespaceSelector: LabelSelector?, name: Glob?
    ) {
        self.kinds = kinds
        self.namespaces = namespaces
        self.excludedNamespaces = excludedNamespaces
        self.scope = scope
        self.labelSelector = labelSelector
        self.namespaceSelector = namespaceSelector
        self.name = name
    }

    package init(_ cursor: Cursor) throws(ConstraintError) {
        guard cursor.exists else {
            self = .everything
            return
        }
        kinds = cursor["kinds"].items.map { entry in
            KindSelector(groups: entry["apiGroups"].texts, kinds: entry["kinds"].texts)
        }
        namespaces = cursor["namespaces"].exists ? cursor["namespaces"].texts.map(Glob.init) : nil
        excludedNamespaces = cursor["excludedNamespaces"].texts.map(Glob.init)
        let scopeText = cursor["scope"].text ?? "*"
        guard let scope = Scope(rawValue: scopeText) else {
            throw ConstraintError("\(cursor["scope"].path) must be *, Cluster or Namespaced (got \"\(scopeText)\")")
        }
        self.scope = scope
        labelSelector = cursor["labelSelector"].exists ? try LabelSelector(cursor["labelSelector"]) : nil
        namespaceSelector = cursor["namespaceSelector"].exists ? try LabelSelector(cursor["namespaceSelector"]) : nil
        name = cursor["name"].text.map(Glob.init)
    }

    /// Whether the constraint applies to the reviewed object, by Gatekeeper's rules: every
    /// criterion given must hold; namespace criteria do not filter cluster-scoped objects.
    package func matches(_ review: PodReview) -> Bool {
        if !kinds.isEmpty {
            let direct = kinds.contains { $0.matches(group: review.group, kind: review.kind) }
            let source = review.sourceKind.map { source in kinds.contains { $0.matches(group: source.group, kind: source.kind) } } ?? false
            guard direct || source else { return false }
        }
        let namespace = review.namespace.flatMap { $0.isEmpty ? nil : $0 }
        switch scope {
        case .all: break
        case .cluster: if namespace != nil { return false }
        case .namespaced: if namespace == nil { return false }
        }
        if let namespace {
            if let namespaces, !namespaces.contains(where: { $0.matches(namespace) }) { return false }
            if excludedNamespaces.contains(where: { $0.matches(namespace) }) { return false }
            if let namespaceSelector {
                // Without the Namespace object, the one label Kubernetes sets on every namespace.
                let labels = review.namespaceLabels ?? ["kubernetes.io/metadata.name": namespace]
                if !namespaceSelector.matches(labels) { return false }
            }
        }
        if let labelSelector, !labelSelector.matches(review.labels) { return false }
        if let name, !name.matches(review.name ?? "") { return false }
        return true
    }
}
