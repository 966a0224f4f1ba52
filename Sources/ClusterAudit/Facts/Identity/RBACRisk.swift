import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// A dangerous permission a Role or ClusterRole grants, with the CIS EKS 1.8.0 item (and
/// kubescape control) that names it.
package struct RBACRisk: Sendable, Hashable {
    package var what: String
    package var cis: String?
    package var kubescape: String
    package var severe: Bool

    package var references: [String] { (cis.map { ["CIS-EKS-1.8.0:\($0)"] } ?? []) + ["kubescape:\(kubescape)"] }

    static let wildcard = RBACRisk(what: "wildcard verbs or resources", cis: "4.1.3", kubescape: "C-0187", severe: true)
    static let secrets = RBACRisk(what: "get/list/watch secrets", cis: "4.1.2", kubescape: "C-0186", severe: true)
    static let createPods = RBACRisk(what: "create pods", cis: "4.1.4", kubescape: "C-0188", severe: false)
    static let escalation = RBACRisk(what: "bind/escalate/impersonate", cis: "4.1.8", kubescape: "C-0191", severe: true)
    static let persistentVolumes = RBACRisk(what: "create persistentvolumes", cis: "4.1.9", kubescape: "C-0278", severe: false)
    static let nodeProxy = RBACRisk(what: "nodes/proxy", cis: "4.1.10", kubescape: "C-0279", severe: true)
    static let webhooks = RBACRisk(what: "change admission webhook configurations", cis: "4.1.11", kubescape: "C-0281", severe: false)
    static let tokens = RBACRisk(what: "create serviceaccounts/token", cis: "4.1.12", kubescape: "C-0282", severe: false)
    static let anonymous = RBACRisk(what: "bound to system:anonymous/system:unauthenticated", cis: nil, kubescape: "C-0262", severe: true)
    static let authenticated = RBACRisk(what: "bound to system:authenticated (every signed-in identity)", cis: nil, kubescape: "C-0265", severe: false)

    /// The risks of one role's rules.
    package static func of(role: KubernetesObject) -> [RBACRisk] {
        var risks: [RBACRisk] = []
        for rule in role.root["rules"].items {
            let verbs = Set((rule["verbs"].stringList.value ?? []).map { $0.0.lowercased() })
            let resources = Set((rule["resources"].stringList.value ?? []).map { $0.0.lowercased() })
            func grants(_ resource: String, _ wanted: Set<String>) -> Bool {
                (resources.contains(resource) || resources.contains("*")) && (verbs.contains("*") || !verbs.isDisjoint(with: wanted))
            }
            if verbs.contains("*") || resources.contains("*") { risks.append(wildcard) }
            if grants("secrets", ["get", "list", "watch"]) { risks.append(secrets) }
            if grants("pods", ["create"]) { risks.append(createPods) }
            if verbs.contains("*") || !verbs.isDisjoint(with: ["bind", "escalate", "impersonate"]) { risks.append(escalation) }
            if grants("persistentvolumes", ["create"]) { risks.append(persistentVolumes) }
            if grants("nodes/proxy", ["get", "create", "update", "patch"]) { risks.append(nodeProxy) }
            let webhookVerbs: Set<String> = ["create", "update", "patch", "delete"]
            if grants("validatingwebhookconfigurations", webhookVerbs) || grants("mutatingwebhookconfigurations", webhookVerbs) { risks.append(webhooks) }
            if grants("serviceaccounts/token", ["create"]) { risks.append(tokens) }
        }
        var seen: Set<RBACRisk> = []
        return risks.filter { seen.insert($0).inserted }
    }
}
