/// The node's operating system, from its /etc/os-release, and where that OS keeps the kubelet's
/// files when the command line does not say.
package struct NodeOS: Sendable, Equatable {
    package enum Family: String, Sendable, Equatable {
        case amazonLinux2 = "Amazon Linux 2"
        case amazonLinux2023 = "Amazon Linux 2023"
        case bottlerocket = "Bottlerocket"
        case other = "other"
        case unknown = "unknown"
    }

    package var family: Family
    /// `PRETTY_NAME`, or the reason it could not be read.
    package var description: String
    package var fields: [String: String]

    package init(family: Family, description: String, fields: [String: String] = [:]) {
        self.family = family
        self.description = description
        self.fields = fields
    }

    package static func detect(_ files: some NodeFileSystem) -> NodeOS {
        for path in ["/etc/os-release", "/usr/lib/os-release"] {
            guard case .success(let text) = files.text(path) else { continue }
            let fields = parse(text)
            let family: Family = switch (fields["ID"], fields["VERSION_ID"]) {
            case ("bottlerocket", _): .bottlerocket
            case ("amzn", "2"): .amazonLinux2
            case ("amzn", let version?) where version.hasPrefix("2023"): .amazonLinux2023
            default: .other
            }
            return NodeOS(family: family, description: fields["PRETTY_NAME"] ?? fields["ID"] ?? "unnamed OS", fields: fields)
        }
        return NodeOS(family: .unknown, description: "no /etc/os-release")
    }

    /// `KEY=value` lines, values optionally quoted.
    static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            var value = Substring(line[line.index(after: equals)...].trimmed())
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = value.dropFirst().dropLast()
            }
            fields[String(line[..<equals]).trimmed()] = String(value)
        }
        return fields
    }

    /// Where this OS's EKS image puts the kubelet configuration when no `--config` flag is seen.
    package var defaultConfig: String? {
        switch family {
        case .amazonLinux2: "/etc/kubernetes/kubelet/kubelet-config.json"
        case .amazonLinux2023: "/etc/kubernetes/kubelet/config.json"
        case .bottlerocket: "/etc/kubernetes/kubelet/config"
        case .other, .unknown: nil
        }
    }

    /// nodeadm's drop-in folder on AL2023.
    package var defaultConfigDir: String? {
        family == .amazonLinux2023 ? "/etc/kubernetes/kubelet/config.json.d" : nil
    }

    package var defaultKubeconfig: String? {
        switch family {
        case .amazonLinux2, .amazonLinux2023: "/var/lib/kubelet/kubeconfig"
        case .bottlerocket: "/etc/kubernetes/kubelet/kubeconfig"
        case .other, .unknown: nil
        }
    }

    /// For an OS we do not know: the EKS locations, tried in this order.
    static let configCandidates = [
        "/etc/kubernetes/kubelet/config.json", "/etc/kubernetes/kubelet/kubelet-config.json", "/etc/kubernetes/kubelet/config",
        "/var/lib/kubelet/config.yaml",
    ]
    static let kubeconfigCandidates = ["/var/lib/kubelet/kubeconfig", "/etc/kubernetes/kubelet/kubeconfig", "/etc/kubernetes/kubelet.conf"]

    /// The Kubernetes minor version a Bottlerocket variant is built for (`aws-k8s-1.30` → 30).
    package var variantKubernetesMinor: Int? {
        guard family == .bottlerocket, let variant = fields["VARIANT_ID"] else { return nil }
        let parts = variant.split(separator: "-")
        guard let k8s = parts.firstIndex(of: "k8s"), k8s + 1 < parts.count else { return nil }
        let version = parts[k8s + 1].split(separator: ".")
        guard version.count == 2, version[0] == "1" else { return nil }
        return Int(version[1])
    }
}
