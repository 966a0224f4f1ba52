import EKSGuardCore

/// PSS `privileged`: no container, init container or ephemeral container may run privileged.
struct PrivilegedContainerCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(id: "privileged", level: .baseline, revisions: [.v1(0)])

    static let metadata = CheckMetadata(
        id: "EKS-POD-007",
        title: "Privileged container",
        practice: .podSecurity,
        severity: .critical,
        rationale: """
            A privileged container has every capability and sees the host's devices; escaping to the node \
            and its IAM role takes one command. Pod Security baseline forbids it.
            """,
        remediation: "Remove securityContext.privileged: true, or grant only the capability the container needs.",
        references: [
            "PSS:privileged", "CIS-EKS-1.2.0:4.2.1", "CIS-EKS-1.5.0:4.2.1", "CIS-EKS-1.7.0:4.2.1", "CIS-EKS-1.8.0:4.2.1",
            "kubescape:C-0057", "checkov:CKV_K8S_16", "trivy:AVD-KSV-0017", "gatekeeper:K8sPSPPrivilegedContainer",
        ],
        passing: [
            .pod("""
                containers:
                - name: app
                  image: nginx:1.27
                  securityContext: {privileged: false}
                """),
        ],
        failing: [
            .yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: prod}
                spec:
                  template:
                    spec:
                      initContainers:
                      - name: setup
                        image: busybox:1.36
                        securityContext:
                          privileged: true
                      containers:
                      - name: app
                        image: nginx:1.27
                """, expect: ["spec.template.spec.initContainers[0].securityContext.privileged"]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        var out = WorkloadFindings(workload)
        for container in out.containers() {
            let field = container.securityContext["privileged"]
            if out.read(field.bool, at: field, container: container) == true {
                out.fail("\(container.label) sets securityContext.privileged: true", at: field, container: container)
            }
        }
        return out.findings
    }
}
