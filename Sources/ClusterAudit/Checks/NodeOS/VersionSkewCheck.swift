import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-OS-005: node groups and kubelets within the Kubernetes version-skew policy of the control plane.
package struct VersionSkewCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-OS-005",
        title: "Node versions are within the supported skew of the control plane",
        practice: .nodeOS,
        severity: .medium,
        rationale: """
            A kubelet must never be newer than the API server, and may be at most three minor versions older \
            (two before Kubernetes 1.28). Outside that skew, nodes run unsupported combinations and usually miss \
            security fixes the control-plane upgrade was meant to bring. The check compares `cluster.version` with \
            each managed node group's `version` and, with Kubernetes input, each node's \
            `status.nodeInfo.kubeletVersion` (which also covers self-managed and Karpenter nodes).
            """,
        remediation: """
            aws eks update-nodegroup-version --cluster-name CLUSTER --nodegroup-name NODEGROUP --kubernetes-version \
            CLUSTER_VERSION, and replace self-managed nodes with the matching AMI.
            """,
        references: ["kubescape:C-0273", "bpg:upgrades/version-skew"],
        passing: [
            .cluster(#"""
                {"cluster": {"name": "prod", "version": "1.33"}, "nodegroups": [{"nodegroupName": "ng-1", "version": "1.30"}],
                 "kubernetes": [{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}, "status": {"nodeInfo": {"kubeletVersion": "v1.33.5-eks-1234567"}}}]}
                """#, note: "three minors behind is allowed since 1.28"),
        ],
        failing: [
            .cluster(#"{"cluster": {"name": "prod", "version": "1.33"}, "nodegroups": [{"nodegroupName": "ng-old", "version": "1.29"}]}"#, expect: ["Nodegroup/ng-old"]),
            .cluster(#"""
                {"cluster": {"name": "prod", "version": "1.32"},
                 "kubernetes": [{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "ahead"}, "status": {"nodeInfo": {"kubeletVersion": "v1.33.1"}}}]}
                """#, expect: ["Node/ahead"], note: "a kubelet newer than the API server"),
            .cluster(#"{"cluster": {"name": "old", "version": "1.27"}, "nodegroups": [{"nodegroupName": "ng", "version": "1.24"}]}"#, expect: ["Nodegroup/ng"], note: "before 1.28 the allowed skew is two minors"),
            .cluster(#"{"cluster": {"name": "prod", "version": "latest"}, "nodegroups": [{"nodegroupName": "ng", "version": "1.30"}]}"#, status: .error, note: "unreadable cluster version"),
            .cluster(#"{"calls": [{"call": "eks:DescribeCluster", "error": "AccessDeniedException"}]}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let aws = facts.requireAWS.value(orReportAt: facts.resource, into: &findings),
              let cluster = facts.cluster.value(orReportAt: facts.resource, into: &findings) else { return findings }
        let versionRef = facts.resource.at("cluster.version", nil)
        guard let text = cluster["version"]?.string, let control = KubernetesVersion(text) else {
            return [.error("cluster.version \(cluster["version"]?.string ?? "(missing)") is not a Kubernetes version", at: versionRef)]
        }
        let allowed = control.minor >= 28 ? 3 : 2
        func judge(_ label: String, _ version: String?, at ref: ResourceRef) {
            guard let version, let node = KubernetesVersion(version) else {
                findings.append(.error("\(label): version \(version ?? "(missing)") is not a Kubernetes version", at: ref))
                return
            }
            let behind = control.minor - node.minor
            if node.major != control.major || behind < 0 {
                findings.append(.fail("\(label) runs \(version), newer than the control plane \(text)", at: ref))
            } else if behind > allowed {
                findings.append(.fail("\(label) runs \(version), \(behind) minor versions behind the control plane \(text) (at most \(allowed))", at: ref))
            } else {
                findings.append(.pass("\(label) runs \(version) with control plane \(text) (\(behind) behind, at most \(allowed))", at: ref))
            }
        }
        if let groups = aws.nodegroups.value(orReportAt: facts.resource.at("nodegroups", nil), into: &findings) {
            for child in groups {
                guard let group = child.value.value(orReportAt: aws.nodegroupRef(child), into: &findings) else { continue }
                judge("node group \(child.name)", group["version"]?.string, at: aws.nodegroupRef(child).at("version", nil))
            }
        }
        if let inventory = facts.kubernetes,
           let nodes = inventory.objects(KubernetesInventory.node).value(orReportAt: facts.resource, into: &findings) {
            for node in nodes {
                let field = node.root["status"]["nodeInfo"]["kubeletVersion"]
                judge("node \(node.name ?? "?")", field.string.value, at: node.resource.at(field.path, field.position))
            }
        }
        if findings.isEmpty { findings.append(.notApplicable("no node groups and no Kubernetes nodes to compare with \(text)", at: versionRef)) }
        return findings
    }
}
