import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// The walk over node roles that IAM-011, IAM-012, ACC-005 and IMG-010 share: one finding per
/// node role, with its policies read.
enum NodeRoleReview {
    static let field = "nodegroup.nodeRole"

    static func evaluate(_ facts: ClusterFacts, judge: (NodeRole, [GrantedPolicy], AWSFacts) -> Finding) -> [Finding] {
        let ref = facts.resource.at(field, nil)
        var findings: [Finding] = []
        guard let aws = facts.requireAWS.value(orReportAt: ref, into: &findings),
              let roles = aws.nodeRoles.value(orReportAt: ref, into: &findings)
        else { return findings }
        guard !roles.isEmpty else {
            return [.notApplicable("the cluster has no managed node groups (Fargate, Auto Mode or self-managed nodes)", at: ref)]
        }
        for node in roles {
            let at = node.ref.at(field, nil)
            guard let role = aws.role(arn: node.arn).value(orReportAt: at, into: &findings),
                  let policies = role.policies.value(orReportAt: at, into: &findings)
            else { continue }
            findings.append(judge(node, policies, aws))
        }
        return findings
    }

    /// An example cluster with node group ng-1 on role `nodes` and these attached managed policies
    /// (ARN and document) and inline policy.
    static func example(attached: [(arn: String, document: String)], inline: String? = nil, extra: String = "") -> String {
        let x = IdentityExamples.self
        return #"{\#(x.cluster), "nodegroups": [{"nodegroupName": "ng-1", "nodeRole": "\#(x.roleARN("nodes"))"}], "calls": [\#(x.roleCalls("nodes", trust: #"{"Statement": []}"#, policy: inline, attached: attached))\#(extra)]}"#
    }

    static func managed(_ name: String, _ document: String = IdentityExamples.readOnlyPolicy) -> (arn: String, document: String) {
        ("arn:aws:iam::aws:policy/\(name)", document)
    }
}
