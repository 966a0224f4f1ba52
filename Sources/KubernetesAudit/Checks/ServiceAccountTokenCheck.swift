import EKSGuardCore

/// Catalog EKS-IAM-014: workloads use a dedicated service account and do not mount its token
/// unless they talk to the Kubernetes API.
struct ServiceAccountTokenCheck: KubernetesCheck {
    static let metadata = CheckMetadata(
        id: "EKS-IAM-014",
        title: "Default service account or automounted token",
        practice: .podIdentity,
        severity: .medium,
        rationale: """
            Pods on the default service account share its RBAC grants and its IRSA role annotation with \
            every other such pod (medium). A mounted token is a credential for the Kubernetes API that an \
            intruder reads from disk; most applications never use it (low). From manifests alone eksguard \
            cannot see the ServiceAccount's own automountServiceAccountToken, so an unset pod field is reported.
            """,
        remediation: """
            Create a ServiceAccount per application, set serviceAccountName, and set \
            automountServiceAccountToken: false unless the pod calls the Kubernetes API.
            """,
        references: [
            "CIS-EKS-1.5.0:4.1.5", "CIS-EKS-1.5.0:4.1.6", "CIS-EKS-1.7.0:4.1.5", "CIS-EKS-1.7.0:4.1.6",
            "CIS-EKS-1.8.0:4.1.5", "CIS-EKS-1.8.0:4.1.6", "kubescape:C-0189", "kubescape:C-0034", "checkov:CKV_K8S_38",
        ],
        passing: [
            .pod("""
                serviceAccountName: web
                automountServiceAccountToken: false
                containers: [{name: app, image: "nginx:1.27"}]
                """),
        ],
        failing: [
            .pod("""
                containers: [{name: app, image: "nginx:1.27"}]
                """, expect: ["spec.serviceAccountName", "spec.automountServiceAccountToken"]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        var out = WorkloadFindings(workload)
        let nameField = workload.spec["serviceAccountName"]
        let legacyField = workload.spec["serviceAccount"]
        let name = out.read(nameField.string, at: nameField) ?? out.read(legacyField.string, at: legacyField) ?? ""
        if name.isEmpty || name == "default" {
            out.fail("the pod runs as the default service account", at: nameField, severity: .medium)
        }
        let automount = workload.spec["automountServiceAccountToken"]
        if out.read(automount.bool, at: automount) != false, automount.bool.invalidReason == nil {
            let how = automount.exists ? "sets automountServiceAccountToken: true" : "does not set automountServiceAccountToken: false"
            out.fail("the pod \(how), so the API token is mounted", at: automount, severity: .low)
        }
        return out.findings
    }
}
