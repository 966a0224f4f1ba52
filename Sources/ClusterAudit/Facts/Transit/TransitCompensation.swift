import KubernetesAudit

/// Encryption of pod traffic by a layer above the instance: a STRICT Istio mesh, Linkerd, or CNI
/// encryption. EKS-TRN-001 and EKS-TRN-009 accept it in place of encrypting instance types.
package enum TransitCompensation {
    /// What encrypts pod traffic cluster-wide, or nil. Partial coverage is judged by EKS-TRN-003/007.
    package static func describe(_ inventory: KubernetesInventory, mesh: MeshFacts, context: AuditContext) -> String? {
        let root = context.settings["istio-root-namespace"] ?? "istio-system"
        let policies = (try? inventory.objects(.init("security.istio.io", "PeerAuthentication")).get()) ?? []
        if mesh.installed.contains(.istio),
           policies.contains(where: { $0.namespace == root && !$0.root["spec"]["selector"].exists && $0.root["spec"]["mtls"]["mode"].string.value == "STRICT" })
        {
            return "Istio with mesh-wide STRICT mTLS"
        }
        if mesh.installed.contains(.linkerd) { return "Linkerd (automatic mTLS for meshed pods)" }
        let configMaps = (try? inventory.objects(KubernetesInventory.configMap).get()) ?? []
        if let cilium = configMaps.first(where: { $0.namespace == "kube-system" && $0.name == "cilium-config" }) {
            let data = cilium.root["data"].stringMap
            if data["enable-wireguard"] == "true" || data["enable-ipsec"] == "true", data["cni-chaining-mode"] != "aws-cni" {
                return "Cilium transparent encryption"
            }
        }
        let felix = (try? inventory.objects(.init("crd.projectcalico.org", "FelixConfiguration")).get()) ?? []
        if felix.contains(where: { $0.name == "default" && $0.root["spec"]["wireguardEnabled"].bool.value == true }) {
            return "Calico WireGuard"
        }
        return nil
    }
}
