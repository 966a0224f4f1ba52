import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-OS-002: the OS each running node reports, against an allow-list of container-optimized OSes.
package struct NodeOSAllowListCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-OS-002",
        title: "Running nodes use an allowed container-optimized OS",
        practice: .nodeOS,
        severity: .high,
        rationale: """
            What a node actually boots is in `Node.status.nodeInfo.osImage`: `Bottlerocket OS 1.x (aws-k8s-1.xx)`, \
            `Amazon Linux 2023.x`, `Amazon Linux 2`, `Ubuntu …`. Amazon Linux 2 is past EKS AMI support (high); any other \
            OS outside the allow-list needs its own hardening evidence (medium); Windows nodes are reported for \
            information. AL2023 is allowed by default: kubescape's C-0226 accepts only the `Bottlerocket` prefix and \
            flags AL2023 wrongly. Fargate and Auto Mode nodes (label `eks.amazonaws.com/compute-type`) are run by AWS \
            and are not applicable. Setting `allowed-node-os` (comma-separated osImage prefixes, default \
            `Bottlerocket,Amazon Linux 2023`).
            """,
        remediation: """
            Replace the node group with one on Bottlerocket or the EKS-optimized AL2023 AMI, or add your hardened OS to \
            allowed-node-os once it is covered by a CIS OS benchmark.
            """,
        references: ["CIS-EKS-1.2.0:3.3.1", "kubescape:C-0226", "bpg:hosts/use-an-os-optimized-for-running-containers"],
        passing: [
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}, "status": {"nodeInfo": {"osImage": "Amazon Linux 2023.6.20250115", "operatingSystem": "linux"}}},
                  {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n2"}, "status": {"nodeInfo": {"osImage": "Bottlerocket OS 1.30.0 (aws-k8s-1.32)", "operatingSystem": "linux"}}},
                  {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "fargate-ip-10-0-1-5", "labels": {"eks.amazonaws.com/compute-type": "fargate"}}, "status": {"nodeInfo": {"osImage": "Amazon Linux 2", "operatingSystem": "linux"}}}]}
                """#, note: "AL2023 is allowed (unlike kubescape); the Fargate node's AL2 is AWS's business"),
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n3"}, "status": {"nodeInfo": {"osImage": "Ubuntu 24.04.1 LTS"}}}]}
                """#, options: ["allowed-node-os": "Bottlerocket,Amazon Linux 2023,Ubuntu"]),
        ],
        failing: [
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "old"}, "status": {"nodeInfo": {"osImage": "Amazon Linux 2", "kernelVersion": "5.10.228-219.884.amzn2.x86_64"}}}]}
                """#, expect: ["Node/old"], note: "high"),
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "ubuntu"}, "status": {"nodeInfo": {"osImage": "Ubuntu 22.04.5 LTS"}}}]}
                """#, expect: ["Node/ubuntu"], note: "medium: custom OS"),
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "win"}, "status": {"nodeInfo": {"osImage": "Windows Server 2022 Datacenter", "operatingSystem": "windows"}}}]}
                """#, expect: ["Node/win"], note: "info: Windows"),
            .cluster(#"{"kubernetes": [{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "blank"}, "status": {}}]}"#, status: .error, note: "no osImage"),
            .cluster(#"{"cluster": {"name": "prod"}}"#, status: .error, note: "no Kubernetes input"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let inventory = facts.requireKubernetes.value(orReportAt: facts.resource, into: &findings),
              let nodes = inventory.objects(KubernetesInventory.node).value(orReportAt: facts.resource, into: &findings)
        else { return findings }
        let allowed = context.list("allowed-node-os", default: ["Bottlerocket", "Amazon Linux 2023"])
        for node in nodes {
            let info = node.root["status"]["nodeInfo"]
            let ref = node.resource.at(info["osImage"].path, info["osImage"].position)
            if let compute = NodeCompute.serverlessType(of: node) {
                findings.append(.notApplicable("\(node.name ?? "?"): \(compute) node, its OS is managed by AWS", at: ref))
                continue
            }
            guard let os = info["osImage"].string.value else {
                findings.append(.error("\(node.name ?? "?"): status.nodeInfo.osImage is missing", at: ref))
                continue
            }
            if allowed.contains(where: { os.hasPrefix($0) }) {
                findings.append(.pass("\(node.name ?? "?"): osImage \"\(os)\" is allowed", at: ref))
            } else if os.hasPrefix("Amazon Linux 2"), !os.hasPrefix("Amazon Linux 2023") {
                findings.append(.fail("\(node.name ?? "?"): osImage \"\(os)\" is Amazon Linux 2, past EKS AMI end of support", at: ref, severity: .high))
            } else if info["operatingSystem"].string.value == "windows" || os.hasPrefix("Windows") {
                findings.append(.fail("\(node.name ?? "?"): Windows node (osImage \"\(os)\"); keep it patched through EKS Windows AMIs", at: ref, severity: .info))
            } else {
                findings.append(.fail("\(node.name ?? "?"): osImage \"\(os)\" is not in the allow-list (\(allowed.joined(separator: ", "))): verify its hardening against a CIS OS benchmark", at: ref, severity: .medium))
            }
        }
        if findings.isEmpty { findings.append(.notApplicable("the Kubernetes input lists no nodes", at: facts.resource)) }
        return findings
    }
}
