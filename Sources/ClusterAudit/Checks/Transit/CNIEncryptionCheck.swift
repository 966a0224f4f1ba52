import EKSGuardCore
import KubernetesAudit

/// EKS-TRN-007: CNI transparent encryption, when configured, must cover every node.
package struct CNIEncryptionCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-TRN-007",
        title: "CNI transparent encryption covers every node",
        practice: .transitEncryption,
        severity: .medium,
        rationale: """
            Cilium (`kube-system/cilium-config`: `enable-wireguard` or `enable-ipsec`) and Calico \
            (`FelixConfiguration default`: `wireguardEnabled`, `wireguardEnabledV6`) can encrypt pod \
            traffic between nodes. A node without its WireGuard key (CiliumNode annotation \
            `network.cilium.io/wg-pub-key`, Node annotation `projectcalico.org/WireguardPublicKey`) \
            sends clear text. Cilium encryption in AWS VPC CNI chaining mode (`cni-chaining-mode: aws-cni`) \
            is not supported. Weave Net is unmaintained. Without CNI encryption the check does not \
            apply (the Amazon VPC CNI has none; see EKS-TRN-001 and EKS-TRN-003).
            """,
        remediation: """
            Check the CNI agent on the nodes without keys (kubectl -n kube-system logs ds/cilium or \
            calico-node), leave chaining mode for Cilium's own IPAM if you need its encryption, and \
            replace Weave Net.
            """,
        references: ["bpg:network/container-network-interfaces"],
        passing: [
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cilium-config", "namespace": "kube-system"}, "data": {"enable-wireguard": "true"}},
                  {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "ip-10-0-1-5.ec2.internal"}},
                  {"apiVersion": "cilium.io/v2", "kind": "CiliumNode", "metadata": {"name": "ip-10-0-1-5.ec2.internal", "annotations": {"network.cilium.io/wg-pub-key": "abc="}}}]}
                """#),
            .cluster(#"{"kubernetes": [{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}}]}"#, note: "no CNI encryption: not applicable"),
        ],
        failing: [
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cilium-config", "namespace": "kube-system"}, "data": {"enable-wireguard": "true"}},
                  {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}},
                  {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n2"}},
                  {"apiVersion": "cilium.io/v2", "kind": "CiliumNode", "metadata": {"name": "n1", "annotations": {"network.cilium.io/wg-pub-key": "abc="}}}]}
                """#, expect: ["Node/n2"]),
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cilium-config", "namespace": "kube-system"}, "data": {"enable-ipsec": "true", "cni-chaining-mode": "aws-cni"}}]}
                """#, expect: ["ConfigMap/kube-system/cilium-config"]),
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "crd.projectcalico.org/v1", "kind": "FelixConfiguration", "metadata": {"name": "default"}, "spec": {"wireguardEnabled": true}},
                  {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}}]}
                """#, expect: ["Node/n1"]),
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "weave-net", "namespace": "kube-system"},
                   "spec": {"template": {"spec": {"containers": [{"name": "weave", "image": "weaveworks/weave-kube:2.8.1"}]}}}}]}
                """#, expect: ["DaemonSet/kube-system/weave-net"]),
            .cluster(#"{"cluster": {"name": "prod"}}"#, status: .error, note: "no Kubernetes input"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let inventory = facts.requireKubernetes.value(orReportAt: facts.resource, into: &findings),
              let configMaps = inventory.objects(KubernetesInventory.configMap).value(orReportAt: facts.resource, into: &findings),
              let nodes = inventory.objects(KubernetesInventory.node).value(orReportAt: facts.resource, into: &findings),
              let ciliumNodes = inventory.objects(kind: "CiliumNode", groups: ["cilium.io"]).value(orReportAt: facts.resource, into: &findings),
              let felix = inventory.objects(kind: "FelixConfiguration", groups: ["crd.projectcalico.org"]).value(orReportAt: facts.resource, into: &findings)
        else { return findings }
        for workload in inventory.workloads where workload.object.kind == "DaemonSet" && workload.object.name == "weave-net" {
            findings.append(.fail("Weave Net runs: it is unmaintained; move to a maintained CNI", at: workload.resource))
        }
        let encryption = CNIEncryption(configMaps: configMaps, felix: felix)
        if let cilium = encryption.cilium {
            if cilium.chained {
                findings.append(.fail("Cilium \(cilium.kind) encryption is enabled in aws-cni chaining mode, where Cilium does not support it", at: cilium.config.resource))
            } else {
                findings.append(.pass("Cilium \(cilium.kind) encryption is enabled", at: cilium.config.resource))
            }
            if cilium.kind == "WireGuard" {
                let keyed = Set(ciliumNodes.filter { $0.annotationMap["network.cilium.io/wg-pub-key"] != nil }.compactMap(\.name))
                findings += coverage(nodes, keyed: keyed, what: "CiliumNode WireGuard key")
            }
        }
        if let calico = encryption.calico {
            findings.append(.pass("Calico WireGuard is enabled", at: calico.config.resource))
            let keyed = Set(nodes.filter { $0.annotationMap["projectcalico.org/WireguardPublicKey"] != nil }.compactMap(\.name))
            findings += coverage(nodes, keyed: keyed, what: "Calico WireGuard public key")
        }
        let configured = encryption.cilium != nil || encryption.calico != nil
        if !configured && findings.isEmpty {
            return [.notApplicable("no CNI transparent encryption is configured (the Amazon VPC CNI has none)", at: facts.resource)]
        }
        return findings
    }

    private func coverage(_ nodes: [KubernetesObject], keyed: Set<String>, what: String) -> [Finding] {
        nodes.map { node in
            keyed.contains(node.name ?? "")
                ? .pass("node has its \(what)", at: node.resource)
                : .fail("node has no \(what): its pod traffic leaves unencrypted", at: node.resource)
        }
    }
}
