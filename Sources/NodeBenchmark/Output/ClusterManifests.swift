/// The Kubernetes YAML that runs `scan node` on worker nodes: a DaemonSet (every node) or a
/// Job (one node), each with a namespace and a service account of its own.
///
/// What the pod needs and why, which is exactly what it asks for:
/// - `hostPID: true`, to see the running kubelet's command line under /proc;
/// - read-only hostPath mounts of /etc/kubernetes, /var/lib/kubelet, /etc/systemd and /proc, plus
///   the single files /etc/os-release, /etc/passwd, /etc/group and /etc/hostname;
/// - user 0 without any capability, because the kubelet's files may be readable by root only.
/// Everything else is locked down: not privileged, no privilege escalation, all capabilities
/// dropped, read-only root filesystem, RuntimeDefault seccomp, no service account token.
package struct ClusterManifests: Sendable {
    package enum Kind: Sendable, CaseIterable { case job, daemonSet }

    package var image: String
    package var namespace = "eksguard"
    /// Extra arguments for `scan node` (`--benchmark eks-1.8.0`).
    package var arguments: [String]

    package init(image: String, arguments: [String]) {
        self.image = image
        self.arguments = arguments
    }

    /// Host paths mounted under /host, read-only.
    static let hostFolders = ["/etc/kubernetes", "/var/lib/kubelet", "/etc/systemd", "/proc"]
    static let hostFiles = ["/etc/os-release", "/etc/passwd", "/etc/group", "/etc/hostname"]

    package func render(_ kind: Kind) -> String {
        var out = """
            # eksguard scan node: CIS Amazon EKS Benchmark worker-node checks, JSON report in the pod log.
            # Host access (documented exceptions to Pod Security "restricted"): hostPID, read-only hostPath
            # volumes, and user 0 without capabilities. Collect: see README, "Running scan node on a cluster".
            apiVersion: v1
            kind: Namespace
            metadata:
              name: \(namespace)
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: eksguard-node
              namespace: \(namespace)
            automountServiceAccountToken: false
            ---

            """
        switch kind {
        case .daemonSet:
            out += """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: eksguard-node
                  namespace: \(namespace)
                  labels: {app.kubernetes.io/name: eksguard-node}
                spec:
                  selector:
                    matchLabels: {app.kubernetes.io/name: eksguard-node}
                  template:
                    metadata:
                      labels: {app.kubernetes.io/name: eksguard-node}
                    spec:

                """
            out += podSpec(indent: "      ", arguments: arguments + ["--stay"], restart: "Always")
        case .job:
            out += """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: eksguard-node
                  namespace: \(namespace)
                  labels: {app.kubernetes.io/name: eksguard-node}
                spec:
                  backoffLimit: 0
                  ttlSecondsAfterFinished: 86400
                  template:
                    metadata:
                      labels: {app.kubernetes.io/name: eksguard-node}
                    spec:

                """
            out += podSpec(indent: "      ", arguments: arguments, restart: "Never")
        }
        return out
    }

    private func podSpec(indent: String, arguments: [String], restart: String) -> String {
        let args = (["scan", "node", "--root", "/host", "--format", "json"] + arguments).map(quoted).joined(separator: ", ")
        var lines = [
            "serviceAccountName: eksguard-node",
            "automountServiceAccountToken: false",
            "hostPID: true",
            "restartPolicy: \(restart)",
            "tolerations:",
            "  - operator: Exists",
            "securityContext:",
            "  seccompProfile: {type: RuntimeDefault}",
            "containers:",
            "  - name: eksguard",
            "    image: \(quoted(image))",
            "    args: [\(args)]",
            "    env:",
            "      - name: NODE_NAME",
            "        valueFrom: {fieldRef: {fieldPath: spec.nodeName}}",
            "    resources:",
            "      requests: {cpu: 10m, memory: 32Mi}",
            "      limits: {cpu: 200m, memory: 128Mi}",
            "    securityContext:",
            "      privileged: false",
            "      allowPrivilegeEscalation: false",
            "      readOnlyRootFilesystem: true",
            "      capabilities: {drop: [ALL]}",
            "    volumeMounts:",
        ]
        let mounts = Self.hostFolders + Self.hostFiles
        for path in mounts {
            lines.append("      - {name: \(volumeName(path)), mountPath: /host\(path), readOnly: true}")
        }
        lines.append("volumes:")
        for path in mounts {
            let type = Self.hostFiles.contains(path) ? "File" : "Directory"
            lines.append("  - {name: \(volumeName(path)), hostPath: {path: \(path), type: \(type)}}")
        }
        return lines.map { indent + $0 }.joined(separator: "\n") + "\n"
    }

    private func volumeName(_ path: String) -> String {
        "host" + path.replacingSlashes()
    }

    private func quoted(_ text: String) -> String {
        "\"" + text.replacingQuotes() + "\""
    }
}

extension String {
    fileprivate func replacingSlashes() -> String {
        String(map { $0 == "/" || $0 == "." || $0 == "_" ? "-" : $0 }).lowercased()
    }

    fileprivate func replacingQuotes() -> String {
        var out = ""
        for character in self {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
