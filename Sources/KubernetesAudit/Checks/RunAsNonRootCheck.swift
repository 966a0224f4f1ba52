import EKSGuardCore

/// PSS `runAsNonRoot`: the pod sets runAsNonRoot: true (or every container does), and no container
/// sets it false; from v1.35 pods in their own user namespace are exempt.
struct RunAsNonRootCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(id: "runAsNonRoot", level: .restricted, revisions: [.v1(0), .v1(35)])

    static let metadata = CheckMetadata(
        id: "EKS-POD-004",
        title: "Containers may run as root",
        practice: .podSecurity,
        severity: .high,
        rationale: """
            A container running as UID 0 is root on the node's kernel once it escapes, and can write anything \
            its mounts allow. runAsNonRoot: true makes the kubelet refuse to start an image whose user is root. \
            A numeric runAsUser alone does not satisfy Pod Security.
            """,
        remediation: "Set spec.securityContext.runAsNonRoot: true (and a non-zero runAsUser if the image has no user).",
        references: [
            "PSS:runAsNonRoot", "CIS-EKS-1.2.0:4.2.6", "kubescape:C-0013", "checkov:CKV_K8S_23", "trivy:AVD-KSV-0012",
            "gatekeeper:K8sPSPAllowedUsers",
        ],
        passing: [
            .pod("""
                securityContext: {runAsNonRoot: true}
                containers: [{name: app, image: "nginx:1.27"}]
                """),
        ],
        failing: [
            .pod("""
                containers:
                - {name: app, image: "nginx:1.27", securityContext: {runAsNonRoot: true}}
                - {name: sidecar, image: "envoy:1.31"}
                """, expect: ["spec.containers[1].securityContext.runAsNonRoot"]),
            .pod("""
                securityContext: {runAsNonRoot: false}
                containers: [{name: app, image: "nginx:1.27", securityContext: {runAsNonRoot: true}}]
                """, expect: ["spec.securityContext.runAsNonRoot"]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        if context.podSecurityVersion >= .v1(35), workload.usesUserNamespace { return [] }
        var out = WorkloadFindings(workload)
        let podField = workload.spec["securityContext"]["runAsNonRoot"]
        let pod = out.read(podField.bool, at: podField)
        if pod == false { out.fail("the pod sets runAsNonRoot: false", at: podField) }
        for container in out.containers() {
            let field = container.securityContext["runAsNonRoot"]
            switch out.read(field.bool, at: field, container: container) {
            case false?: out.fail("\(container.label) sets runAsNonRoot: false", at: field, container: container)
            case nil where !field.exists && pod != true:
                out.fail("neither the pod nor \(container.label) sets runAsNonRoot: true", at: field, container: container)
            default: break
            }
        }
        return out.findings
    }
}
