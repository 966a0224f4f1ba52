import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-CIS-024: which nodes node-level (CIS 3.x) checks cannot reach: Fargate and Auto Mode.
package struct ServerlessNodeScopeCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-CIS-024",
        title: "Node-level checks cover every node",
        practice: .cisBenchmark,
        severity: .info,
        rationale: """
            Kubelet and node-file checks (CIS 3.x, `scan node`) need a node job, which cannot run on Fargate or EKS \
            Auto Mode nodes: AWS manages them. Those nodes are reported not applicable, never passed, so a score does \
            not count controls nobody verified. Auto Mode is `cluster.computeConfig.enabled`; Fargate is a Fargate \
            profile; with Kubernetes input, each node's `eks.amazonaws.com/compute-type` label (`fargate`, `auto`) \
            is read.
            """,
        remediation: "Nothing to fix: rely on the AWS shared-responsibility model for these nodes, and run scan node on EC2 nodes.",
        references: ["CIS-EKS-1.2.0:5.6.1"],
        passing: [
            .cluster(#"{"cluster": {"name": "p"}, "nodegroups": [{"nodegroupName": "ng-1"}]}"#),
        ],
        failing: [
            .cluster(#"{"cluster": {"name": "p", "computeConfig": {"enabled": true}}}"#, expect: ["cluster.computeConfig.enabled"], status: .notApplicable),
            .cluster(#"""
                {"cluster": {"name": "p"}, "fargateProfiles": [{"fargateProfileName": "fp"}],
                 "kubernetes": [{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "fargate-ip-1", "labels": {"eks.amazonaws.com/compute-type": "fargate"}}}]}
                """#, expect: ["Node/fargate-ip-1", "FargateProfile/fp"], status: .notApplicable),
            .cluster(#"{"calls": [{"call": "eks:DescribeCluster", "error": "AccessDeniedException"}]}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let aws = facts.requireAWS.value(orReportAt: facts.resource, into: &findings),
              let cluster = facts.cluster.value(orReportAt: facts.resource, into: &findings),
              let profiles = aws.fargateProfiles.value(orReportAt: facts.resource.at("fargateProfiles", nil), into: &findings)
        else { return findings }
        if cluster[path: "computeConfig.enabled"]?.bool == true {
            findings.append(.notApplicable("EKS Auto Mode manages the nodes: node-level checks do not apply to them", at: facts.resource.at("cluster.computeConfig.enabled", nil)))
        }
        for profile in profiles {
            findings.append(.notApplicable("Fargate profile \(profile.name): its pods run on AWS-managed nodes that node-level checks cannot reach",
                                           at: ResourceRef(kind: "FargateProfile", name: profile.name, field: "fargateProfileName")))
        }
        if let inventory = facts.kubernetes,
           let nodes = inventory.objects(KubernetesInventory.node).value(orReportAt: facts.resource, into: &findings) {
            for node in nodes {
                guard let type = NodeCompute.serverlessType(of: node) else { continue }
                findings.append(.notApplicable("\(node.name ?? "?") is a \(type) node: node-level checks do not apply", at: node.resource))
            }
        }
        if findings.isEmpty {
            findings.append(.pass("no Fargate profiles, Auto Mode or serverless nodes: node-level checks apply to every node", at: facts.resource))
        }
        return findings
    }
}
