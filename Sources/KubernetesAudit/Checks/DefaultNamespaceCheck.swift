import EKSGuardCore

/// Catalog EKS-POD-016: workloads do not live in the `default` namespace.
struct DefaultNamespaceCheck: KubernetesCheck {
    static let metadata = CheckMetadata(
        id: "EKS-POD-016",
        title: "Workload in the default namespace",
        practice: .podSecurity,
        severity: .low,
        rationale: """
            The default namespace usually has no Pod Security labels, network policies or quotas, and is \
            where everyone's RBAC reaches. A manifest without a namespace is placed at deploy time and is \
            reported as not applicable.
            """,
        remediation: "Put the workload in a namespace of its own, with Pod Security labels and network policies.",
        references: ["CIS-EKS-1.5.0:4.5.2", "CIS-EKS-1.7.0:4.5.2", "CIS-EKS-1.8.0:4.5.2", "kubescape:C-0212", "checkov:CKV_K8S_21"],
        passing: [
            .yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: shop}
                spec:
                  containers: [{name: app, image: "nginx:1.27"}]
                """),
        ],
        failing: [
            .yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: default}
                spec:
                  containers: [{name: app, image: "nginx:1.27"}]
                """, expect: ["metadata.namespace"]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        let field = workload.object.root["metadata"]["namespace"]
        var out = WorkloadFindings(workload)
        switch field.string.value {
        case "default": out.fail("\(workload.object.kind) \(workload.object.name ?? "?") is in the default namespace", at: field)
        case nil: out.notApplicable("no metadata.namespace: the namespace is chosen at deploy time", at: field)
        default: break
        }
        return out.findings
    }
}
