import EKSGuardCore

/// PSS `hostProbesAndHostLifecycle` (v1.34+): probes and lifecycle hooks may not aim at another host.
struct HostProbesCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(
        id: "hostProbesAndHostLifecycle", level: .baseline, revisions: [.v1(34)])

    static let metadata = CheckMetadata(
        id: "EKS-POD-025",
        title: "Probe or lifecycle hook aimed at another host",
        practice: .podSecurity,
        severity: .medium,
        rationale: """
            The kubelet runs HTTP and TCP probes and hooks from the node; a host field makes it connect to any \
            address the node can reach (the instance metadata service, internal admin ports): a blind SSRF.
            """,
        remediation: "Remove the host field so the probe or hook targets the pod's own IP.",
        references: ["PSS:hostProbesAndHostLifecycle"],
        passing: [
            .pod("""
                containers:
                - name: app
                  image: nginx:1.27
                  livenessProbe: {httpGet: {path: /healthz, port: 8080}}
                """),
        ],
        failing: [
            .pod("""
                containers:
                - name: app
                  image: nginx:1.27
                  readinessProbe:
                    httpGet: {host: 169.254.169.254, path: /latest/meta-data/, port: 80}
                """, expect: ["spec.containers[0].readinessProbe.httpGet.host"]),
        ]
    )

    static let handlers: [[String]] = [
        ["livenessProbe"], ["readinessProbe"], ["startupProbe"], ["lifecycle", "postStart"], ["lifecycle", "preStop"],
    ]

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        var out = WorkloadFindings(workload)
        for container in out.containers() {
            for path in Self.handlers {
                let handler = path.reduce(container.cursor) { $0[$1] }
                for action in ["httpGet", "tcpSocket"] {
                    let field = handler[action]["host"]
                    if let host = out.read(field.string, at: field, container: container), !host.isEmpty {
                        out.fail("\(container.label) \(path.joined(separator: ".")) \(action) targets host \(host)",
                                 at: field, container: container)
                    }
                }
            }
        }
        return out.findings
    }
}
