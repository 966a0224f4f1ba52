import EKSGuardCore

/// PSS `hostNamespaces`: the pod must not share the node's network, PID or IPC namespace.
struct HostNamespacesCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(id: "hostNamespaces", level: .baseline, revisions: [.v1(0)])

    static let metadata = CheckMetadata(
        id: "EKS-POD-008",
        title: "Host namespaces shared",
        practice: .podSecurity,
        severity: .high,
        rationale: """
            hostNetwork lets a pod reach the instance metadata service and bind node ports; hostPID lets it \
            see and signal every process on the node; hostIPC lets it read other pods' shared memory.
            """,
        remediation: "Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false).",
        references: [
            "PSS:hostNamespaces", "CIS-EKS-1.8.0:4.2.2", "CIS-EKS-1.8.0:4.2.3", "CIS-EKS-1.8.0:4.2.4",
            "CIS-EKS-1.7.0:4.2.2", "CIS-EKS-1.7.0:4.2.3", "CIS-EKS-1.7.0:4.2.4",
            "kubescape:C-0038", "kubescape:C-0041", "checkov:CKV_K8S_17", "checkov:CKV_K8S_18",
            "checkov:CKV_K8S_19", "trivy:AVD-KSV-0008", "trivy:AVD-KSV-0009", "trivy:AVD-KSV-0010", "gatekeeper:K8sPSPHostNamespace",
        ],
        passing: [
            .pod("""
                hostNetwork: false
                containers: [{name: app, image: nginx:1.27}]
                """),
        ],
        failing: [
            .yaml("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: monitoring}
                spec:
                  template:
                    spec:
                      hostPID: true
                      hostNetwork: true
                      containers: [{name: agent, image: agent:2.1}]
                """, expect: ["spec.template.spec.hostPID", "spec.template.spec.hostNetwork"]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        var out = WorkloadFindings(workload)
        for key in ["hostNetwork", "hostPID", "hostIPC"] {
            let field = workload.spec[key]
            if out.read(field.bool, at: field) == true {
                out.fail("the pod sets \(key): true", at: field)
            }
        }
        return out.findings
    }
}
