import EKSGuardCore
import KubernetesAudit

/// EKS-TRN-004: Istio accepts clear text unless mTLS is STRICT.
package struct IstioMutualTLSCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-TRN-004",
        title: "Istio enforces STRICT mutual TLS",
        practice: .transitEncryption,
        severity: .high,
        rationale: """
            Istio's default is PERMISSIVE: sidecars accept mTLS and clear text alike, so a pod outside the \
            mesh (or an attacker's pod) talks to meshed services unencrypted and unauthenticated. Only a \
            mesh-wide `PeerAuthentication` without selector in the root namespace (`istio-system`, or \
            setting `istio-root-namespace`) with `spec.mtls.mode: STRICT` closes that (high when missing). \
            Namespace or workload policies with PERMISSIVE or DISABLE, port-level DISABLE, and \
            `DestinationRule` traffic policies with `tls.mode: DISABLE` reopen it (medium).
            """,
        remediation: """
            kubectl apply -f - with apiVersion security.istio.io/v1, kind PeerAuthentication, metadata \
            {name: default, namespace: istio-system}, spec {mtls: {mode: STRICT}}; then remove PERMISSIVE \
            and DISABLE exceptions once every client is meshed.
            """,
        references: ["bpg:network/service-mesh"],
        passing: [
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "istiod", "namespace": "istio-system"},
                   "spec": {"template": {"spec": {"containers": [{"name": "discovery", "image": "pilot:1.27"}]}}}},
                  {"apiVersion": "security.istio.io/v1", "kind": "PeerAuthentication", "metadata": {"name": "default", "namespace": "istio-system"},
                   "spec": {"mtls": {"mode": "STRICT"}}}]}
                """#),
            .cluster(#"{"kubernetes": []}"#, note: "no Istio: not applicable"),
        ],
        failing: [
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "istiod", "namespace": "istio-system"},
                   "spec": {"template": {"spec": {"containers": [{"name": "discovery", "image": "pilot:1.27"}]}}}}]}
                """#, note: "no mesh-wide policy: PERMISSIVE by default"),
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "security.istio.io/v1", "kind": "PeerAuthentication", "metadata": {"name": "default", "namespace": "istio-system"},
                   "spec": {"mtls": {"mode": "STRICT"}}},
                  {"apiVersion": "security.istio.io/v1beta1", "kind": "PeerAuthentication", "metadata": {"name": "legacy", "namespace": "shop"},
                   "spec": {"mtls": {"mode": "PERMISSIVE"}, "portLevelMtls": {"8080": {"mode": "DISABLE"}}}},
                  {"apiVersion": "networking.istio.io/v1", "kind": "DestinationRule", "metadata": {"name": "db", "namespace": "shop"},
                   "spec": {"host": "db.shop.svc.cluster.local", "trafficPolicy": {"tls": {"mode": "DISABLE"}}}}]}
                """#, expect: ["spec.mtls.mode", "spec.portLevelMtls.8080.mode", "spec.trafficPolicy.tls.mode"]),
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "security.istio.io/v1", "kind": "PeerAuthentication", "metadata": {"name": "default", "namespace": "istio-system"},
                   "spec": {"mtls": {"mode": "STRICTEST"}}}]}
                """#, status: .error, note: "unknown mode"),
            .cluster(#"{"cluster": {"name": "prod"}}"#, status: .error, note: "no Kubernetes input"),
        ]
    )

    private static let modes: Set<String> = ["UNSET", "DISABLE", "PERMISSIVE", "STRICT"]
    private static let clientModes: Set<String> = ["DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL"]

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let inventory = facts.requireKubernetes.value(orReportAt: facts.resource, into: &findings),
              let mesh = MeshFacts.read(inventory, context: context).value(orReportAt: facts.resource, into: &findings),
              let policies = inventory.objects(KubernetesInventory.Kind("security.istio.io", "PeerAuthentication"))
                .value(orReportAt: facts.resource, into: &findings),
              let rules = inventory.objects(KubernetesInventory.Kind("networking.istio.io", "DestinationRule"))
                .value(orReportAt: facts.resource, into: &findings)
        else { return findings }
        guard mesh.installed.contains(.istio) else {
            return [.notApplicable("Istio is not in use", at: facts.resource)]
        }
        let root = IstioMeshPolicy.rootNamespace(context)
        let meshWide = IstioMeshPolicy.meshWide(policies, root: root)
        for policy in policies {
            let mode = policy.root["spec"]["mtls"]["mode"]
            let value = mode.string.value ?? "UNSET"
            guard Self.modes.contains(value) else {
                findings.append(.error("spec.mtls.mode \(value) is not a mode this build knows (UNSET, DISABLE, PERMISSIVE, STRICT)", at: policy.resource.at(mode.path, mode.position)))
                continue
            }
            let selector = policy.root["spec"]["selector"]
            if value == "PERMISSIVE" || value == "DISABLE" {
                let scope = selector.exists ? "workloads it selects" : "namespace \(policy.namespaceOrDefault)"
                findings.append(.fail("mTLS mode \(value) for the \(scope): clear text accepted", at: policy.resource.at(mode.path, mode.position), severity: .medium))
            } else if !IstioMeshPolicy.isMeshWide(policy, root: root) {
                findings.append(.pass("mTLS mode \(value)", at: policy.resource.at(mode.path, mode.position)))
            }
            for (port, setting) in policy.root["spec"]["portLevelMtls"].fields where setting["mode"].string.value == "DISABLE" {
                let field = setting["mode"]
                findings.append(.fail("mTLS is disabled for port \(port)", at: policy.resource.at(field.path, field.position), severity: .medium))
            }
        }
        if let meshWide {
            let mode = meshWide.root["spec"]["mtls"]["mode"]
            if mode.string.value == "STRICT" {
                findings.append(.pass("mesh-wide PeerAuthentication \(root)/\(meshWide.name ?? "?") is STRICT", at: meshWide.resource.at(mode.path, mode.position)))
            }
        } else {
            findings.append(.fail(
                "no mesh-wide PeerAuthentication (no selector, namespace \(root)): Istio runs PERMISSIVE and accepts clear text",
                at: ResourceRef(kind: "PeerAuthentication", namespace: root, name: "(missing)")))
        }
        for rule in rules {
            var settings = [rule.root["spec"]["trafficPolicy"]]
            settings += rule.root["spec"]["trafficPolicy"]["portLevelSettings"].items
            for setting in settings {
                let mode = setting["tls"]["mode"]
                guard let value = mode.string.value else { continue }
                if !Self.clientModes.contains(value) {
                    findings.append(.error("tls.mode \(value) is not a mode this build knows", at: rule.resource.at(mode.path, mode.position)))
                } else if value == "DISABLE" {
                    let host = rule.root["spec"]["host"].string.value ?? "?"
                    findings.append(.fail("clients send clear text to \(host) (tls.mode DISABLE)", at: rule.resource.at(mode.path, mode.position), severity: .medium))
                }
            }
        }
        return findings
    }
}
