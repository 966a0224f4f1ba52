import ClusterSnapshot
import EKSGuardCore
import Foundation
import KubernetesAudit

/// EKS-NET-009: a network policy engine enforcing NetworkPolicy, and namespaces that have none.
package struct NetworkPolicyEnforcementCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-NET-009",
        title: "Network policies are enforced and cover every namespace",
        practice: .privateNetworking,
        severity: .medium,
        rationale: """
            NetworkPolicy objects do nothing without an engine. The VPC CNI enforces them when the `vpc-cni` add-on's \
            `configurationValues` sets `enableNetworkPolicy: "true"` (or the self-managed aws-node DaemonSet runs its \
            network policy agent with `--enable-network-policy=true`); Calico (`calico-node` DaemonSet, \
            FelixConfiguration) and Cilium (`cilium` DaemonSet, CiliumNode) enforce them too. No engine is medium. \
            Each namespace with workloads but no NetworkPolicy is low (system namespaces `kube-system`, \
            `kube-public`, `kube-node-lease` excepted). Prowler's check only tests that a cluster security group exists.
            """,
        remediation: """
            aws eks update-addon --cluster-name CLUSTER --addon-name vpc-cni --configuration-values \
            '{"enableNetworkPolicy":"true"}', then add a default-deny NetworkPolicy to every application namespace.
            """,
        references: ["CIS-EKS-1.8.0:4.3.1", "CIS-EKS-1.8.0:4.3.2", "CIS-EKS-1.8.0:5.4.4", "CIS-EKS-1.7.0:5.4.4", "CIS-EKS-1.5.0:5.4.4", "CIS-EKS-1.2.0:5.4.4",
                     "kubescape:C-0205", "kubescape:C-0206", "kubescape:C-0260", "prowler:eks_cluster_network_policy_enabled", "bpg:network/create-a-default-deny-policy"],
        passing: [
            .cluster(#"""
                {"cluster": {"name": "demo"}, "addons": [{"addonName": "vpc-cni", "configurationValues": "{\"enableNetworkPolicy\": \"true\"}"}],
                 "kubernetes": [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "app"}},
                                {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "default-deny", "namespace": "app"}, "spec": {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}}]}
                """#),
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "cilium", "namespace": "kube-system"}, "spec": {"template": {"spec": {"containers": [{"name": "cilium-agent", "image": "cilium"}]}}}}]}
                """#, note: "Cilium enforces; only system namespaces exist"),
        ],
        failing: [
            .cluster(#"""
                {"cluster": {"name": "demo"}, "addons": [{"addonName": "vpc-cni", "configurationValues": "env:\n  ENABLE_PREFIX_DELEGATION: \"true\""}],
                 "kubernetes": [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "app"}}]}
                """#, expect: ["EKSCluster/demo", "Namespace/app"], note: "medium: no engine (YAML configuration values); low: namespace without policy"),
            .cluster(#"{"cluster": {"name": "demo"}, "addons": [{"addonName": "vpc-cni", "configurationValues": "{\"enableNetworkPolicy\": \"true\"}"}], "kubernetes": [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "payments"}}]}"#,
                     expect: ["Namespace/payments"], note: "low only"),
            .cluster(#"{"calls": [{"call": "eks:ListAddons", "error": "AccessDeniedException"}], "kubernetes": []}"#, status: .error),
        ]
    )

    private static let systemNamespaces: Set<String> = ["kube-system", "kube-public", "kube-node-lease"]

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let inventory = facts.requireKubernetes.value(orReportAt: facts.resource, into: &findings),
              let daemonSets = inventory.objects(KubernetesInventory.daemonSet).value(orReportAt: facts.resource, into: &findings)
        else { return findings }
        var engines: [String] = []
        for daemonSet in daemonSets {
            switch daemonSet.name {
            case "calico-node": engines.append("Calico (DaemonSet \(daemonSet.namespace ?? "?")/calico-node)")
            case "cilium": engines.append("Cilium (DaemonSet \(daemonSet.namespace ?? "?")/cilium)")
            case "aws-node":
                let workload = Workload(daemonSet)
                let agent = workload?.containers.first { $0.name == "aws-network-policy-agent" }
                let args = agent?.cursor["args"].stringList.value?.map(\.0) ?? []
                if args.contains("--enable-network-policy=true") { engines.append("VPC CNI network policy agent (aws-node args)") }
            default: break
            }
        }
        for kind in [KubernetesInventory.Kind("crd.projectcalico.org", "FelixConfiguration"), KubernetesInventory.Kind("cilium.io", "CiliumNode")] {
            if let objects = try? inventory.objects(kind).get(), !objects.isEmpty { engines.append("\(kind.kind) objects present") }
        }
        let engineRef = facts.resource.at("addons.vpc-cni.configurationValues", nil)
        if engines.isEmpty, let addon = vpcCNIPolicy(facts, into: &findings) { engines.append(addon) }
        if engines.isEmpty {
            if !findings.contains(where: { $0.status == .error }) {
                findings.append(.fail("no network policy engine: vpc-cni does not set enableNetworkPolicy and neither Calico nor Cilium runs, so NetworkPolicy objects are ignored", at: engineRef, severity: .medium))
            }
        } else {
            findings.append(.pass("NetworkPolicy is enforced by \(engines.joined(separator: ", "))", at: engineRef))
        }
        guard let namespaces = inventory.objects(KubernetesInventory.namespace).value(orReportAt: facts.resource, into: &findings),
              let policies = inventory.objects(KubernetesInventory.networkPolicy).value(orReportAt: facts.resource, into: &findings)
        else { return findings }
        let covered = Dictionary(grouping: policies) { $0.namespace ?? "default" }
        for namespace in namespaces {
            guard let name = namespace.name, !Self.systemNamespaces.contains(name) else { continue }
            if let present = covered[name] {
                findings.append(.pass("namespace \(name) has NetworkPolicy \(present.compactMap(\.name).joined(separator: ", "))", at: namespace.resource))
            } else {
                findings.append(.fail("namespace \(name) has no NetworkPolicy: its pods accept traffic from every pod", at: namespace.resource, severity: .low))
            }
        }
        return findings
    }

    /// "vpc-cni add-on enableNetworkPolicy" when the add-on enables it; an error finding when
    /// add-ons cannot be read or the configuration is unreadable.
    private func vpcCNIPolicy(_ facts: ClusterFacts, into findings: inout [Finding]) -> String? {
        let ref = facts.resource.at("addons.vpc-cni.configurationValues", nil)
        guard let aws = facts.requireAWS.value(orReportAt: ref, into: &findings),
              let addons = aws.addons.value(orReportAt: ref, into: &findings),
              let child = addons.first(where: { $0.name == "vpc-cni" }),
              let addon = child.value.value(orReportAt: ref, into: &findings),
              let values = addon["configurationValues"]?.string, !values.isEmpty
        else { return nil }
        if let json = JSONValue.parse(Data(values.utf8)), json.object != nil {
            let flag = json["enableNetworkPolicy"]
            return flag?.string == "true" || flag?.bool == true ? "the vpc-cni add-on (enableNetworkPolicy true)" : nil
        }
        // configurationValues may also be YAML: a top-level key line is enough to read one flag.
        let pattern = #"(?m)^enableNetworkPolicy:\s*["']?true["']?\s*$"#
        return values.range(of: pattern, options: .regularExpression) != nil ? "the vpc-cni add-on (enableNetworkPolicy true)" : nil
    }
}
