import EKSGuardCore

/// PSS `hostPathVolumes`: no hostPath volumes. Graded: node-takeover paths are critical.
struct HostPathVolumesCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(id: "hostPathVolumes", level: .baseline, revisions: [.v1(0)])

    static let metadata = CheckMetadata(
        id: "EKS-POD-009",
        title: "hostPath volume",
        practice: .podSecurity,
        severity: .high,
        rationale: """
            A hostPath volume mounts the node's own files into the pod. The container runtime socket, \
            /etc, /proc, /sys or the kubelet's folder hand over the node outright (critical); any other host \
            path leaks or alters node state (high).
            """,
        remediation: "Replace the hostPath volume with an emptyDir, a ConfigMap/Secret, or a PersistentVolumeClaim.",
        references: [
            "PSS:hostPathVolumes", "kubescape:C-0048", "kubescape:C-0045", "trivy:AVD-KSV-0023",
            "gatekeeper:K8sPSPHostFilesystem",
        ],
        passing: [
            .pod("""
                containers: [{name: app, image: nginx:1.27}]
                volumes:
                - name: cache
                  emptyDir: {}
                """),
        ],
        failing: [
            .yaml("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: builder, namespace: ci}
                spec:
                  template:
                    spec:
                      containers: [{name: docker, image: "docker:27"}]
                      volumes:
                      - name: sock
                        hostPath: {path: /var/run/docker.sock}
                """, expect: ["spec.template.spec.volumes[0].hostPath"]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        var out = WorkloadFindings(workload)
        for volume in out.list(workload.spec["volumes"]) where volume["hostPath"].exists {
            out.fail(Self.message(volume), at: volume["hostPath"], severity: Self.severity(volume))
        }
        return out.findings
    }

    static func message(_ volume: Cursor) -> String {
        let name = volume["name"].string.value ?? "?"
        let path = volume["hostPath"]["path"].string.value ?? "?"
        return "volume \"\(name)\" mounts host path \(path)"
    }

    static func severity(_ volume: Cursor) -> Severity {
        Volumes.isSensitive(volume["hostPath"]["path"].string.value ?? "/") ? .critical : .high
    }
}
