import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IMG-015: an admission control that verifies image signatures.
package struct SignatureEnforcementCheck: ClusterCheck {
    package init() {}

    static let kyvernoPolicy = KubernetesInventory.Kind("kyverno.io", "ClusterPolicy")
    static let constraintTemplate = KubernetesInventory.Kind("templates.gatekeeper.sh", "ConstraintTemplate")
    /// Webhook names of signature verifiers (Sigstore policy-controller, Connaisseur, Ratify).
    static let verifierWebhooks = ["policy.sigstore.dev", "connaisseur", "ratify"]

    package static let metadata = CheckMetadata(
        id: "EKS-IMG-015",
        title: "Image signatures are verified at admission (info)",
        practice: .imageScanning,
        severity: .info,
        rationale: """
            Scanning says an image is clean; a signature says it is the image your pipeline built. Found when \
            a Kyverno ClusterPolicy has a `verifyImages` rule, a Gatekeeper ConstraintTemplate for Ratify \
            exists, or a validating webhook of Sigstore policy-controller, Connaisseur or Ratify is installed.
            """,
        remediation: """
            Sign images (AWS Signer / Notation, or cosign) and enforce it: a Kyverno verifyImages policy, or \
            Gatekeeper with Ratify, or the Sigstore policy-controller.
            """,
        references: ["kubescape:C-0236", "kubescape:C-0237", "bpg:image-sign-images"],
        passing: [
            .cluster(#"{"kubernetes": [{"apiVersion": "kyverno.io/v1", "kind": "ClusterPolicy", "metadata": {"name": "verify"}, "spec": {"rules": [{"name": "sig", "verifyImages": [{"imageReferences": ["*"]}]}]}}]}"#),
        ],
        failing: [
            .cluster(#"{"kubernetes": []}"#, expect: ["EKSCluster/(from Kubernetes input)"]),
            .cluster(#"{"cluster": {"name": "prod"}}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let kubernetes = facts.requireKubernetes.value(orReportAt: facts.resource, into: &findings),
              let policies = kubernetes.objects(Self.kyvernoPolicy).value(orReportAt: facts.resource, into: &findings),
              let templates = kubernetes.objects(Self.constraintTemplate).value(orReportAt: facts.resource, into: &findings),
              let webhooks = kubernetes.objects(KubernetesInventory.validatingWebhook).value(orReportAt: facts.resource, into: &findings)
        else { return findings }
        var found: [String] = []
        for policy in policies where policy.root["spec"]["rules"].items.contains(where: { $0["verifyImages"].exists }) {
            found.append("Kyverno ClusterPolicy \(policy.name ?? "?") verifyImages")
        }
        for template in templates where (template.name ?? "").lowercased().contains("ratify") {
            found.append("Gatekeeper ConstraintTemplate \(template.name ?? "?")")
        }
        for webhook in webhooks {
            let names = [webhook.name ?? ""] + webhook.root["webhooks"].items.compactMap { $0["name"].string.value }
            if names.contains(where: { name in Self.verifierWebhooks.contains { name.lowercased().contains($0) } }) {
                found.append("ValidatingWebhookConfiguration \(webhook.name ?? "?")")
            }
        }
        if found.isEmpty { return [.fail("no Kyverno verifyImages rule, Ratify template or signature-verifying webhook found", at: facts.resource)] }
        return [.pass("image signatures verified by \(found.joined(separator: ", "))", at: facts.resource)]
    }
}
