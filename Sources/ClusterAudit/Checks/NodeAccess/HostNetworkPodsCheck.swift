import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IAM-010: pods on the host network, which reach IMDS whatever the hop limit.
package struct HostNetworkPodsCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-010",
        title: "Only system DaemonSets use the host network",
        practice: .podIdentity,
        severity: .high,
        rationale: """
            A `hostNetwork: true` pod shares the node's network namespace: the IMDS hop limit does not apply to it and \
            NetworkPolicy does not select it, so it can read the node role's credentials and every host port. \
            Workloads outside `host-network-allowed` (comma-separated `namespace/name` of DaemonSets or other \
            controllers; default the EKS and CNI agents: kube-system aws-node, kube-proxy, ebs-csi-node, \
            efs-csi-node, fsx-csi-node, eks-pod-identity-agent, calico-node, cilium, node-local-dns) fail. For pods, \
            the owner DaemonSet is read from `ownerReferences`, and the node they run on is joined to its EC2 \
            instance (`spec.nodeName` → Node `spec.providerID`) to say what IMDS answers there.
            """,
        remediation: """
            Remove hostNetwork from the workload (use a Service or hostPort-free design); if it is a vetted agent, \
            add it to host-network-allowed.
            """,
        references: ["CIS-EKS-1.8.0:4.2.4", "CIS-EKS-1.7.0:4.2.4", "kubescape:C-0041", "kubescape:C-0196", "checkov:CKV_K8S_19"],
        passing: [
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "aws-node", "namespace": "kube-system"},
                                 "spec": {"template": {"spec": {"hostNetwork": true, "containers": [{"name": "aws-node", "image": "amazon-k8s-cni"}]}}}},
                                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "aws-node-abcde", "namespace": "kube-system", "ownerReferences": [{"kind": "DaemonSet", "name": "aws-node"}]},
                                 "spec": {"hostNetwork": true, "nodeName": "ip-10-0-1-5", "containers": [{"name": "aws-node", "image": "amazon-k8s-cni"}]}},
                                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "app"},
                                 "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "nginx"}]}}}}]}
                """#),
        ],
        failing: [
            .cluster(#"""
                {"cluster": {"name": "demo"},
                 "calls": [{"call": "ec2:DescribeInstances", "response": {"Reservations": [{"Instances": [{"InstanceId": "i-0abc", "Tags": [{"Key": "eks:cluster-name", "Value": "demo"}],
                              "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 1, "HttpEndpoint": "enabled"}}]}]}}],
                 "kubernetes": [{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "ip-10-0-1-5"}, "spec": {"providerID": "aws:///us-east-1a/i-0abc"}},
                                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "debug", "namespace": "app"},
                                 "spec": {"hostNetwork": true, "nodeName": "ip-10-0-1-5", "containers": [{"name": "sh", "image": "busybox"}]}}]}
                """#, expect: ["Pod/app/debug"], note: "hop limit 1 does not stop it: the message names node and instance"),
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "odd", "namespace": "app"}, "spec": {"hostNetwork": "yes", "containers": [{"name": "c", "image": "x"}]}}]}
                """#, status: .error, note: "hostNetwork that is not a boolean"),
            .cluster(#"{"cluster": {"name": "prod"}}"#, status: .error, note: "no Kubernetes input"),
        ]
    )

    private static let defaultAllowed = [
        "kube-system/aws-node", "kube-system/kube-proxy", "kube-system/ebs-csi-node", "kube-system/efs-csi-node", "kube-system/fsx-csi-node",
        "kube-system/eks-pod-identity-agent", "kube-system/calico-node", "kube-system/cilium", "kube-system/node-local-dns",
    ]

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let inventory = facts.requireKubernetes.value(orReportAt: facts.resource, into: &findings) else { return findings }
        if let gap = inventory.workloadGap { return [.gap(gap, at: facts.resource)] }
        let allowed = Set(context.list("host-network-allowed", default: Self.defaultAllowed))
        let nodesToInstances = Dictionary(facts.providerIDs.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        let instances = (try? facts.nodeInstances.get()) ?? []
        var checked = 0
        for workload in inventory.workloads {
            let field = workload.spec["hostNetwork"]
            checked += 1
            switch field.bool {
            case .invalid(let reason):
                findings.append(.error(reason, at: workload.ref(field)))
            case .value(true):
                let owner = workload.object.root["metadata"]["ownerReferences"].items
                    .first { $0["kind"].string.value == "DaemonSet" }?["name"].string.value
                let key = "\(workload.object.namespace ?? "default")/\(owner ?? workload.object.name ?? "?")"
                if allowed.contains(key) {
                    findings.append(.pass("\(key) is an allowed host-network agent", at: workload.ref(field)))
                    continue
                }
                var whereRuns = ""
                if let nodeName = workload.spec["nodeName"].string.value {
                    whereRuns = " on node \(nodeName)"
                    if let id = nodesToInstances[nodeName] {
                        whereRuns += " (instance \(id)"
                        if let instance = instances.first(where: { $0.id == id }), let imds = try? facts.aws?.imds(of: instance).get() {
                            whereRuns += ": \(imds.evidence)"
                        }
                        whereRuns += ")"
                    }
                }
                findings.append(.fail("\(workload.object.kind) \(key) uses hostNetwork\(whereRuns): it reaches IMDS and the node role's credentials whatever the hop limit", at: workload.ref(field)))
            default: continue
            }
        }
        if !findings.contains(where: { $0.status != .pass }) {
            findings.append(.pass("\(checked) workloads checked: no hostNetwork outside host-network-allowed", at: facts.resource))
        }
        return findings
    }
}
