import KubernetesAudit

/// What the CNI's own transparent encryption is configured to do: Cilium (`kube-system/cilium-config`)
/// and Calico (`FelixConfiguration default`). Read once here for EKS-TRN-007 and the compensation
/// that EKS-TRN-001/009 accept.
package struct CNIEncryption {
    package struct Cilium {
        package var config: KubernetesObject
        /// `WireGuard` or `IPsec`.
        package var kind: String
        /// AWS VPC CNI chaining mode, where Cilium does not support encryption.
        package var chained: Bool
    }

    package var cilium: Cilium?
    /// The `FelixConfiguration default` with WireGuard on, and for which address families.
    package var calico: (config: KubernetesObject, ipv4: Bool, ipv6: Bool)?

    package init(configMaps: [KubernetesObject], felix: [KubernetesObject]) {
        if let config = configMaps.first(where: { $0.namespace == "kube-system" && $0.name == "cilium-config" }) {
            let data = config.root["data"].stringMap
            let wireguard = data["enable-wireguard"] == "true", ipsec = data["enable-ipsec"] == "true"
            if wireguard || ipsec {
                cilium = Cilium(config: config, kind: wireguard ? "WireGuard" : "IPsec", chained: data["cni-chaining-mode"] == "aws-cni")
            }
        }
        if let config = felix.first(where: { $0.name == "default" }) {
            let ipv4 = config.root["spec"]["wireguardEnabled"].bool.value == true
            let ipv6 = config.root["spec"]["wireguardEnabledV6"].bool.value == true
            if ipv4 || ipv6 { calico = (config, ipv4, ipv6) }
        }
    }

    /// Reads the objects from an inventory; a kind that could not be listed counts as absent.
    package init(_ inventory: KubernetesInventory) {
        self.init(
            configMaps: (try? inventory.objects(KubernetesInventory.configMap).get()) ?? [],
            felix: (try? inventory.objects(kind: "FelixConfiguration", groups: ["crd.projectcalico.org"]).get()) ?? [])
    }

    /// The CNI encryption that covers pod traffic cluster-wide, or nil.
    package var effective: String? {
        if let cilium, !cilium.chained { return "Cilium transparent encryption" }
        if calico?.ipv4 == true { return "Calico WireGuard" }
        return nil
    }
}

/// Istio's mesh-wide mTLS policy: a `PeerAuthentication` without selector in the root namespace.
package enum IstioMeshPolicy {
    package static func rootNamespace(_ context: AuditContext) -> String {
        context.settings["istio-root-namespace"] ?? "istio-system"
    }

    package static func isMeshWide(_ policy: KubernetesObject, root: String) -> Bool {
        policy.namespace == root && !policy.root["spec"]["selector"].exists
    }

    /// The mesh-wide policy in effect (the last one, as listed), if any.
    package static func meshWide(_ policies: [KubernetesObject], root: String) -> KubernetesObject? {
        policies.last { isMeshWide($0, root: root) }
    }
}
