import EKSGuardCore

/// PSS `hostPorts`: containers must not bind ports on the node.
struct HostPortsCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(id: "hostPorts", level: .baseline, revisions: [.v1(0)])

    static let metadata = CheckMetadata(
        id: "EKS-POD-018",
        title: "Host port bound",
        practice: .podSecurity,
        severity: .high,
        rationale: """
            A hostPort exposes the container on the node's own address, around Services, network policies \
            and load balancers, and pins the pod to nodes where the port is free.
            """,
        remediation: "Remove hostPort from the container ports and publish the port through a Service.",
        references: [
            "PSS:hostPorts", "kubescape:C-0044", "checkov:CKV_K8S_26", "trivy:AVD-KSV-0024", "gatekeeper:K8sPSPHostNetworkingPorts",
        ],
        passing: [
            .pod("""
                containers:
                - name: app
                  image: nginx:1.27
                  ports: [{containerPort: 8080, hostPort: 0}]
                """),
        ],
        failing: [
            .pod("""
                containers:
                - name: app
                  image: nginx:1.27
                  ports:
                  - containerPort: 8080
                    hostPort: 8080
                """, expect: ["spec.containers[0].ports[0].hostPort"]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        var out = WorkloadFindings(workload)
        for container in out.containers() {
            for port in out.list(container.cursor["ports"], container: container) {
                let field = port["hostPort"]
                if let value = out.read(field.int, at: field, container: container), value != 0 {
                    out.fail("\(container.label) binds host port \(value)", at: field, container: container)
                }
            }
        }
        return out.findings
    }
}
