import EKSGuardCore

/// PSS `sysctls`: only the namespaced sysctls Kubernetes calls safe, a list that grows by version.
struct SysctlsCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(
        id: "sysctls", level: .baseline, revisions: [.v1(0), .v1(27), .v1(29), .v1(32), .v1(37)])

    /// The names each policy version adds to the safe set.
    static let additions: [(PodSecurityVersion, [String])] = [
        (.v1(0), ["kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies",
                  "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start"]),
        (.v1(27), ["net.ipv4.ip_local_reserved_ports"]),
        (.v1(29), ["net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
                   "net.ipv4.tcp_keepalive_probes"]),
        (.v1(32), ["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"]),
        (.v1(37), ["net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"]),
    ]

    static let metadata = CheckMetadata(
        id: "EKS-POD-023",
        title: "Unsafe sysctl",
        practice: .podSecurity,
        severity: .high,
        rationale: "Sysctls outside the safe, namespaced set change kernel settings shared with every pod on the node.",
        remediation: "Remove the sysctl from spec.securityContext.sysctls, or tune it on the node instead.",
        references: ["PSS:sysctls", "trivy:AVD-KSV-0026", "gatekeeper:K8sPSPForbiddenSysctls"],
        passing: [
            .pod("""
                securityContext:
                  sysctls: [{name: net.ipv4.ip_local_port_range, value: "1024 65535"}]
                containers: [{name: app, image: "nginx:1.27"}]
                """),
        ],
        failing: [
            .pod("""
                securityContext:
                  sysctls:
                  - {name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}
                containers: [{name: app, image: "nginx:1.27"}]
                """, expect: ["spec.securityContext.sysctls[0].name"], options: ["pss-version": "v1.31"],
                note: "net.ipv4.tcp_rmem is allowed from policy version v1.32."),
            .pod("""
                securityContext:
                  sysctls: [{name: kernel.msgmax, value: "65536"}]
                containers: [{name: app, image: "nginx:1.27"}]
                """, expect: ["spec.securityContext.sysctls[0].name"]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        let allowed = Set(Self.additions.filter { $0.0 <= context.podSecurityVersion }.flatMap(\.1))
        var out = WorkloadFindings(workload)
        for sysctl in out.list(workload.spec["securityContext"]["sysctls"]) {
            let field = sysctl["name"]
            let name = out.read(field.string, at: field)
            if field.string.invalidReason == nil, !allowed.contains(name ?? "") {
                out.fail("the pod sets sysctl \(name ?? "(no name)")", at: field)
            }
        }
        return out.findings
    }
}
