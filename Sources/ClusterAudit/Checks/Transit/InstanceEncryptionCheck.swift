import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-TRN-001: Nitro encrypts traffic between instances only on some instance types.
package struct InstanceEncryptionCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-TRN-001",
        title: "Nodes run on instance types that encrypt traffic between instances",
        practice: .transitEncryption,
        severity: .medium,
        rationale: """
            Some instance types encrypt all traffic to other such instances in the same or a peered VPC \
            with AEAD-256 in the Nitro hardware; "Nitro" alone is not enough (m5, c5, r5, t3, m6g, c6g do \
            not). The truth is `ec2:DescribeInstanceTypes → NetworkInfo.EncryptionInTransitSupported`; \
            eksguard falls back to its family table (catalog snapshot) when the snapshot lacks the type. \
            Node groups' `instanceTypes` and nodes' `node.kubernetes.io/instance-type` label are read. A \
            type that does not encrypt fails unless a mesh with mutual TLS or CNI encryption protects pod \
            traffic. Fargate pods' hosts cannot be judged. A Karpenter `NodePool` is judged by its template's \
            requirements: `karpenter.k8s.aws/instance-encryption-in-transit-supported In [true]` passes, listed \
            `node.kubernetes.io/instance-type` or `karpenter.k8s.aws/instance-family` values are judged one by one, and \
            a pool that may launch any type fails unless a mesh or CNI encryption protects pod traffic.
            """,
        remediation: """
            Move node groups to encrypting families (m6i, c6i, r6i, m7g, c7g, m7i and newer; see \
            aws ec2 describe-instance-types --filters Name=network-info.encryption-in-transit-supported,Values=true), \
            or encrypt pod traffic with a mesh (STRICT mTLS) or CNI encryption.
            """,
        references: ["bpg:network/encryption-in-transit"],
        passing: [
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "karpenter.sh/v1", "kind": "NodePool", "metadata": {"name": "secure"},
                                 "spec": {"template": {"spec": {"requirements": [{"key": "karpenter.k8s.aws/instance-encryption-in-transit-supported", "operator": "In", "values": ["true"]}]}}}}]}
                """#, note: "Karpenter pool limited to encrypting types by the dedicated requirement"),
            .cluster(#"""
                {"cluster": {"name": "prod"}, "nodegroups": [{"nodegroupName": "ng-1", "instanceTypes": ["m6i.large"]}],
                 "calls": [{"call": "ec2:DescribeInstanceTypes", "response": {"InstanceTypes": [{"InstanceType": "m6i.large", "NetworkInfo": {"EncryptionInTransitSupported": true}}]}}]}
                """#),
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1", "labels": {"node.kubernetes.io/instance-type": "m5.large"}}},
                  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cilium-config", "namespace": "kube-system"}, "data": {"enable-wireguard": "true"}}]}
                """#, note: "m5 does not encrypt, but Cilium WireGuard does"),
        ],
        failing: [
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "karpenter.sh/v1", "kind": "NodePool", "metadata": {"name": "general"},
                                 "spec": {"template": {"spec": {"requirements": [{"key": "karpenter.sh/capacity-type", "operator": "In", "values": ["spot"]}]}}}},
                                {"apiVersion": "karpenter.sh/v1", "kind": "NodePool", "metadata": {"name": "legacy"},
                                 "spec": {"template": {"spec": {"requirements": [{"key": "karpenter.k8s.aws/instance-family", "operator": "In", "values": ["m6i", "m5"]}]}}}}]}
                """#, expect: ["NodePool/general", "NodePool/legacy"], note: "Karpenter pools: one unconstrained, one listing m5 (does not encrypt) beside m6i"),
            .cluster(#"""
                {"cluster": {"name": "prod"}, "nodegroups": [{"nodegroupName": "ng-1", "instanceTypes": ["m5.large", "m6i.large"]}],
                 "calls": [{"call": "ec2:DescribeInstanceTypes", "response": {"InstanceTypes": [
                    {"InstanceType": "m5.large", "NetworkInfo": {"EncryptionInTransitSupported": false}},
                    {"InstanceType": "m6i.large", "NetworkInfo": {"EncryptionInTransitSupported": true}}]}}]}
                """#, expect: ["Nodegroup/ng-1"]),
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1", "labels": {"node.kubernetes.io/instance-type": "t3.medium"}}}]}
                """#, expect: ["Node/n1"], note: "from the family table"),
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1", "labels": {"node.kubernetes.io/instance-type": "zz9.huge"}}}]}
                """#, status: .error, note: "a type neither the API answer nor the table knows"),
            .cluster(#"{"cluster": {"name": "prod"}, "calls": [{"call": "eks:ListNodegroups", "error": "AccessDeniedException"}]}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        var judged: [(type: String, ref: ResourceRef)] = []
        if let aws = facts.aws, let nodegroups = aws.nodegroups.value(orReportAt: facts.resource, into: &findings) {
            for child in nodegroups {
                let ref = aws.nodegroupRef(child).at("nodegroup.instanceTypes", nil)
                guard let nodegroup = child.value.value(orReportAt: ref, into: &findings) else { continue }
                for type in nodegroup["instanceTypes"]?.array?.compactMap(\.string) ?? [] { judged.append((type, ref)) }
            }
        }
        var compensation: String?
        if let inventory = facts.kubernetes {
            guard let nodes = inventory.objects(KubernetesInventory.node).value(orReportAt: facts.resource, into: &findings) else { return findings }
            for node in nodes {
                let labels = node.labelMap
                if labels["eks.amazonaws.com/compute-type"] == "fargate" {
                    findings.append(.notApplicable("Fargate node: its host's instance type is not visible", at: node.resource))
                } else if let type = labels["node.kubernetes.io/instance-type"] {
                    judged.append((type, node.resource.at("metadata.labels.node.kubernetes.io/instance-type", nil)))
                }
            }
            if let mesh = try? MeshFacts.read(inventory, context: context).get() {
                compensation = TransitCompensation.describe(inventory, mesh: mesh, context: context)
            }
            for pool in inventory.objects(KarpenterInstanceConstraint.nodePool).value(orReportAt: facts.resource, into: &findings) ?? [] {
                let label = "NodePool \(pool.name ?? "?")"
                switch KarpenterInstanceConstraint.of(pool) {
                case let (.encryptingOnly, ref):
                    findings.append(.pass("\(label) launches only instance types that encrypt in transit", at: ref))
                case let (.listed(types), ref):
                    judged += types.map { ($0, ref) }
                case let (.anyType, ref) where compensation != nil:
                    findings.append(.pass("\(label) may launch any instance type, but pod traffic is encrypted by \(compensation!)", at: ref))
                case let (.anyType, ref):
                    findings.append(.fail("""
                        \(label) may launch instance types that do not encrypt traffic between instances: require \
                        karpenter.k8s.aws/instance-encryption-in-transit-supported In [true]
                        """, at: ref))
                }
            }
        }
        if facts.aws == nil && facts.kubernetes == nil {
            return [.error("no AWS and no Kubernetes input: no instance type to judge", at: facts.resource)]
        }
        if judged.isEmpty && findings.isEmpty {
            return [.notApplicable("no node group or node with a known instance type", at: facts.resource)]
        }
        let answered = EncryptingInstanceFamilies.apiAnswers(facts.aws)
        for (type, ref) in judged {
            let source: String
            let encrypts: Bool
            if let value = answered[type] {
                (encrypts, source) = (value, "EC2 DescribeInstanceTypes")
            } else if let value = EncryptingInstanceFamilies.encrypts(type) {
                (encrypts, source) = (value, "eksguard's family table")
            } else {
                findings.append(.error("\(type): whether it encrypts in transit is unknown (not in the snapshot's DescribeInstanceTypes, nor in eksguard's table)", at: ref))
                continue
            }
            if encrypts {
                findings.append(.pass("\(type) encrypts traffic between instances (\(source))", at: ref))
            } else if let compensation {
                findings.append(.pass("\(type) does not encrypt (\(source)), but pod traffic is encrypted by \(compensation)", at: ref))
            } else {
                findings.append(.fail("\(type) does not encrypt traffic between instances (\(source)) and no mesh or CNI encryption covers the pods", at: ref))
            }
        }
        return findings
    }
}
