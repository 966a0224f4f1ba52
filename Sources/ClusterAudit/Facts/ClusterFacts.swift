import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// Everything an audit knows about one cluster: the AWS snapshot, the Kubernetes objects, and the
/// node benchmark results, each optional because each comes from its own input.
package struct ClusterFacts: CheckSubject {
    package var aws: AWSFacts?
    package var kubernetes: KubernetesInventory?

    package init(aws: AWSFacts?, kubernetes: KubernetesInventory?) {
        self.aws = aws
        self.kubernetes = kubernetes
    }

    /// The cluster: what a passing result points at.
    package var resource: ResourceRef {
        aws?.clusterRef ?? ResourceRef(kind: "EKSCluster", name: "(from Kubernetes input)")
    }

    /// The AWS facts, or the gap a check reports when the audit had no AWS input.
    package var requireAWS: Fetched<AWSFacts> {
        aws.map(Fetched.success) ?? .failure(DataGap("no AWS input: give --snapshot FILE or --cluster NAME"))
    }

    /// The Kubernetes objects, or the gap a check reports when the audit had no Kubernetes input.
    package var requireKubernetes: Fetched<KubernetesInventory> {
        kubernetes.map(Fetched.success) ?? .failure(DataGap("no Kubernetes input: give --manifests PATH or --kubeconfig"))
    }

    /// The cluster object (`eks:DescribeCluster → cluster`).
    package var cluster: Fetched<JSONValue> {
        requireAWS.flatMap(\.cluster)
    }
}
