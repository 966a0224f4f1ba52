import EKSGuardCore

/// PSS `runAsUser` (v1.23+): neither the pod nor a container sets runAsUser: 0; from v1.35 pods
/// in their own user namespace are exempt.
struct RunAsUserCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(id: "runAsUser", level: .restricted, revisions: [.v1(23), .v1(35)])

    static let metadata = CheckMetadata(
        id: "EKS-POD-027",
        title: "Container runs as UID 0",
        practice: .podSecurity,
        severity: .high,
        rationale: "runAsUser: 0 runs the process as root regardless of the image's user.",
        remediation: "Set runAsUser to a non-zero UID, or remove it and set runAsNonRoot: true.",
        references: ["PSS:runAsUser", "kubescape:C-0013", "checkov:CKV_K8S_40", "trivy:AVD-KSV-0105", "gatekeeper:K8sPSPAllowedUsers"],
        passing: [
            .pod("""
                securityContext: {runAsUser: 10001}
                containers: [{name: app, image: "nginx:1.27"}]
                """),
        ],
        failing: [
            .pod("""
                containers: [{name: app, image: "nginx:1.27", securityContext: {runAsUser: 0}}]
                """, expect: ["spec.containers[0].securityContext.runAsUser"]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        if context.podSecurityVersion >= .v1(35), workload.usesUserNamespace { return [] }
        var out = WorkloadFindings(workload)
        let podField = workload.spec["securityContext"]["runAsUser"]
        if out.read(podField.int, at: podField) == 0 { out.fail("the pod sets runAsUser: 0", at: podField) }
        for container in out.containers() {
            let field = container.securityContext["runAsUser"]
            if out.read(field.int, at: field, container: container) == 0 {
                out.fail("\(container.label) sets runAsUser: 0", at: field, container: container)
            }
        }
        return out.findings
    }
}
