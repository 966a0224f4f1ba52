import KubernetesAudit

/// Encryption of pod traffic by a layer above the instance: a STRICT Istio mesh, Linkerd, or CNI
/// encryption. EKS-TRN-001 and EKS-TRN-009 accept it in place of encrypting instance types.
package enum TransitCompensation {
    /// What encrypts pod traffic cluster-wide, or nil. Partial coverage is judged by EKS-TRN-003/007.
    package static func describe(_ inventory: KubernetesInventory, mesh: MeshFacts, context: AuditContext) -> String? {
        let policies = (try? inventory.objects(.init("security.istio.io", "PeerAuthentication")).get()) ?? []
        if mesh.installed.contains(.istio),
           IstioMeshPolicy.meshWide(policies, root: IstioMeshPolicy.rootNamespace(context))?.root["spec"]["mtls"]["mode"].string.value == "STRICT"
        {
            return "Istio with mesh-wide STRICT mTLS"
        }
        if mesh.installed.contains(.linkerd) { return "Linkerd (automatic mTLS for meshed pods)" }
        return CNIEncryption(inventory).effective
    }
}
