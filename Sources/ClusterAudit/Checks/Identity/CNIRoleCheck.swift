import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IAM-012: the VPC CNI (aws-node) should have its own role, so AmazonEKS_CNI_Policy can leave
/// the node role that every pod may reach.
package struct CNIRoleCheck: ClusterCheck {
    package init() {}

    typealias X = IdentityExamples

    static let awsNode = #"{"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "aws-node", "namespace": "kube-system"}}"#
    static let plainAccount = #"{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "aws-node", "namespace": "kube-system"}}"#

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-012",
        title: "The VPC CNI (aws-node) uses its own IAM role",
        practice: .podIdentity,
        severity: .medium,
        rationale: """
            aws-node needs AmazonEKS_CNI_Policy (assign and release ENIs and IPs). Given through the node \
            role, that power reaches every pod that reaches the node's credentials. The `vpc-cni` add-on's \
            `serviceAccountRoleArn` or `podIdentityAssociations`, an IRSA annotation on \
            `kube-system/aws-node`, or a Pod Identity association for it moves the permission to aws-node alone.
            """,
        remediation: """
            aws eks update-addon --cluster-name CLUSTER --addon-name vpc-cni --service-account-role-arn CNI_ROLE_ARN, \
            then detach AmazonEKS_CNI_Policy from the node role.
            """,
        references: ["bpg:iam-aws-node-irsa", "kyverno:require-aws-node-irsa"],
        passing: [
            .cluster(#"{\#(X.cluster), "addons": [{"addonName": "vpc-cni", "serviceAccountRoleArn": "\#(X.roleARN("cni"))"}]}"#),
            .cluster(#"{\#(X.cluster), "kubernetes": [\#(awsNode), \#(X.serviceAccount("kube-system", "aws-node", role: "cni"))]}"#, note: "self-managed CNI with IRSA"),
            .cluster(#"{\#(X.cluster), "kubernetes": []}"#, note: "another CNI: not applicable"),
        ],
        failing: [
            .cluster(#"{\#(X.cluster), "addons": [{"addonName": "vpc-cni", "status": "ACTIVE"}], "kubernetes": [\#(awsNode), \#(plainAccount)]}"#, expect: ["Addon/vpc-cni"]),
            .cluster(#"{\#(X.cluster), "kubernetes": [\#(awsNode), \#(plainAccount)]}"#, expect: ["DaemonSet/kube-system/aws-node"]),
            .cluster(#"{\#(X.cluster), "addons": [{"addonName": "vpc-cni"}]}"#, status: .error, note: "no Kubernetes input to find an IRSA annotation"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        let clusterRef = facts.resource.at("addon.vpc-cni", nil)
        var findings: [Finding] = []
        guard let aws = facts.requireAWS.value(orReportAt: clusterRef, into: &findings),
              let addons = aws.addons.value(orReportAt: clusterRef, into: &findings)
        else { return findings }
        var addonRef: ResourceRef?
        if let child = addons.first(where: { $0.name == "vpc-cni" }) {
            guard let addon = child.value.value(orReportAt: clusterRef, into: &findings) else { return findings }
            addonRef = AddonIdentity.ref("vpc-cni", arn: addon["addonArn"]?.string)
            if let own = AddonIdentity.ownRole(addon) { return [.pass("add-on vpc-cni has \(own)", at: addonRef!)] }
        }
        guard let kubernetes = facts.requireKubernetes.value(orReportAt: addonRef ?? clusterRef, into: &findings),
              let daemonSets = kubernetes.objects(KubernetesInventory.daemonSet).value(orReportAt: clusterRef, into: &findings),
              let annotated = kubernetes.annotatedServiceAccounts.value(orReportAt: clusterRef, into: &findings),
              let associations = aws.associations.value(orReportAt: clusterRef, into: &findings)
        else { return findings }
        let daemonSet = daemonSets.first { $0.namespace == "kube-system" && $0.name == "aws-node" }
        guard let ref = addonRef ?? daemonSet?.resource.at("spec.template.spec.serviceAccountName", nil) else {
            return [.notApplicable("neither the vpc-cni add-on nor the kube-system/aws-node DaemonSet is installed", at: clusterRef)]
        }
        if let account = annotated.first(where: { $0.namespace == "kube-system" && $0.name == "aws-node" }) {
            return [.pass("service account kube-system/aws-node has IRSA role \(account.roleARN)", at: ref)]
        }
        if let association = associations.compactMap({ try? $0.association.get() }).first(where: { $0.qualifiedName == "kube-system/aws-node" }) {
            return [.pass("kube-system/aws-node has Pod Identity association \(association.id) (role \(association.roleARN))", at: ref)]
        }
        return [.fail("aws-node has no role of its own (no add-on role, no IRSA annotation, no Pod Identity association): it uses the node role", at: ref)]
    }
}
