import EKSGuardCore

/// Catalog EKS-POD-010: containers should mount their root filesystem read-only.
struct ReadOnlyRootFilesystemCheck: KubernetesCheck {
    static let metadata = CheckMetadata(
        id: "EKS-POD-010",
        title: "Writable root filesystem",
        practice: .podSecurity,
        severity: .low,
        rationale: """
            A writable root filesystem lets an intruder drop tools and persist changes in the container. \
            Not part of Pod Security Standards; a hardening step most workloads can take with an emptyDir for scratch space.
            """,
        remediation: "Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the app writes.",
        references: [
            "kubescape:C-0017", "checkov:CKV_K8S_22", "trivy:AVD-KSV-0014", "gatekeeper:K8sPSPReadOnlyRootFilesystem",
        ],
        passing: [
            .pod("""
                containers:
                - {name: app, image: "nginx:1.27", securityContext: {readOnlyRootFilesystem: true}}
                """),
        ],
        failing: [
            .pod("""
                containers: [{name: app, image: "nginx:1.27"}]
                """, expect: ["spec.containers[0].securityContext.readOnlyRootFilesystem"]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        var out = WorkloadFindings(workload)
        // Ephemeral containers are debugging sessions attached later; the control is about the workload.
        for container in out.containers() where container.group != .ephemeralContainers {
            let field = container.securityContext["readOnlyRootFilesystem"]
            if out.read(field.bool, at: field, container: container) != true, field.bool.invalidReason == nil {
                out.fail("\(container.label) does not set readOnlyRootFilesystem: true", at: field, container: container)
            }
        }
        return out.findings
    }
}
