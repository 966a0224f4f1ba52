import EKSGuardCore

/// PSS `seLinuxOptions`: only the container SELinux types, and never a custom user or role.
struct SELinuxOptionsCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(id: "seLinuxOptions", level: .baseline, revisions: [.v1(0), .v1(31)])

    static let metadata = CheckMetadata(
        id: "EKS-POD-020",
        title: "Custom SELinux options",
        practice: .podSecurity,
        severity: .high,
        rationale: "A custom SELinux type, user or role can lift the confinement SELinux puts on container processes.",
        remediation: "Remove seLinuxOptions.user and .role, and use a container type (container_t, container_init_t, ...).",
        references: ["PSS:seLinuxOptions", "trivy:AVD-KSV-0025"],
        passing: [
            .pod("""
                securityContext:
                  seLinuxOptions: {type: container_t, level: "s0:c123,c456"}
                containers: [{name: app, image: nginx:1.27}]
                """),
        ],
        failing: [
            .pod("""
                containers:
                - name: app
                  image: nginx:1.27
                  securityContext:
                    seLinuxOptions: {type: spc_t, user: system_u}
                """, expect: [
                    "spec.containers[0].securityContext.seLinuxOptions.type",
                    "spec.containers[0].securityContext.seLinuxOptions.user",
                ]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        var allowed: Set<String> = ["", "container_t", "container_init_t", "container_kvm_t"]
        if context.podSecurityVersion >= .v1(31) { allowed.insert("container_engine_t") }
        var out = WorkloadFindings(workload)
        check(workload.spec["securityContext"]["seLinuxOptions"], owner: "the pod", container: nil, allowed, &out)
        for container in out.containers() {
            check(container.securityContext["seLinuxOptions"], owner: container.label, container: container, allowed, &out)
        }
        return out.findings
    }

    private func check(_ options: Cursor, owner: String, container: Container?, _ allowed: Set<String>, _ out: inout WorkloadFindings) {
        guard options.exists else { return }
        let type = options["type"]
        if let value = out.read(type.string, at: type, container: container), !allowed.contains(value) {
            out.fail("\(owner) sets SELinux type \"\(value)\"", at: type, container: container)
        }
        for key in ["user", "role"] {
            let field = options[key]
            if let value = out.read(field.string, at: field, container: container), !value.isEmpty {
                out.fail("\(owner) sets SELinux \(key) \"\(value)\"", at: field, container: container)
            }
        }
    }
}
