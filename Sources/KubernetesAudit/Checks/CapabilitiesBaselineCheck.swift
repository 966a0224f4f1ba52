import EKSGuardCore

/// PSS `capabilities_baseline`: containers may add only the runtime's default capabilities.
struct CapabilitiesBaselineCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(id: "capabilities_baseline", level: .baseline, revisions: [.v1(0)])

    static let metadata = CheckMetadata(
        id: "EKS-POD-017",
        title: "Capabilities added beyond the baseline set",
        practice: .podSecurity,
        severity: .high,
        rationale: """
            Capabilities such as SYS_ADMIN, NET_ADMIN or SYS_PTRACE let a container reconfigure the node, \
            sniff traffic or read other processes. Baseline allows only the container runtime's defaults.
            """,
        remediation: "Remove the capability from securityContext.capabilities.add, or replace it with a narrower one.",
        references: [
            "PSS:capabilities_baseline", "kubescape:C-0046", "checkov:CKV_K8S_39", "trivy:AVD-KSV-0022",
            "gatekeeper:K8sPSPCapabilities",
        ],
        passing: [
            .pod("""
                containers:
                - name: app
                  image: nginx:1.27
                  securityContext:
                    capabilities: {add: [NET_BIND_SERVICE, CHOWN]}
                """),
        ],
        failing: [
            .yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: sniffer}
                spec:
                  containers:
                  - name: app
                    image: tcpdump:4
                    securityContext:
                      capabilities:
                        add: [NET_ADMIN, NET_RAW]
                """, expect: [
                    "spec.containers[0].securityContext.capabilities.add[0]",
                    "spec.containers[0].securityContext.capabilities.add[1]",
                ]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        var out = WorkloadFindings(workload)
        for container in out.containers() {
            let add = container.securityContext["capabilities"]["add"]
            for (name, cursor) in out.read(add.stringList, at: add, container: container) ?? []
            where !Capabilities.baselineAllowed.contains(name) {
                out.fail("\(container.label) adds capability \(name)", at: cursor, container: container,
                         severity: Capabilities.dangerous.contains(name) ? .high : .medium)
            }
        }
        return out.findings
    }
}
