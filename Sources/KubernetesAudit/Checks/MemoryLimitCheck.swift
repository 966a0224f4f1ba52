import EKSGuardCore

/// Catalog EKS-POD-013: every container has a memory limit.
struct MemoryLimitCheck: KubernetesCheck {
    static let metadata = CheckMetadata(
        id: "EKS-POD-013",
        title: "No memory limit",
        practice: .podSecurity,
        severity: .low,
        rationale: """
            A container without a memory limit can exhaust the node's memory and get its neighbours, \
            or node daemons, killed: a denial of service from one compromised or leaking pod.
            """,
        remediation: "Set resources.limits.memory on every container (and a CPU request).",
        references: ["kubescape:C-0270", "checkov:CKV_K8S_13", "trivy:AVD-KSV-0018"],
        passing: [
            .pod("""
                containers:
                - {name: app, image: "nginx:1.27", resources: {limits: {memory: 256Mi}}}
                """),
        ],
        failing: [
            .pod("""
                containers:
                - {name: app, image: "nginx:1.27", resources: {requests: {cpu: 100m}}}
                """, expect: ["spec.containers[0].resources.limits.memory"]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        var out = WorkloadFindings(workload)
        // Ephemeral containers cannot have resources (the API rejects them).
        for container in out.containers() where container.group != .ephemeralContainers {
            let field = container.cursor["resources"]["limits"]["memory"]
            if !field.exists {
                out.fail("\(container.label) has no memory limit", at: field, container: container)
            }
        }
        return out.findings
    }
}
