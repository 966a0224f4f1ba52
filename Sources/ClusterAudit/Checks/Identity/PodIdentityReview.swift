import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// The walk over Pod Identity associations that IAM-006 and IAM-008 share: one finding per
/// association, errors for associations that could not be read.
enum PodIdentityReview {
    static func evaluate(_ facts: ClusterFacts, judge: (PodIdentityAssociation, AWSFacts) -> Finding) -> [Finding] {
        let ref = facts.resource.at("eks:ListPodIdentityAssociations", nil)
        var findings: [Finding] = []
        guard let aws = facts.requireAWS.value(orReportAt: ref, into: &findings),
              let associations = aws.associations.value(orReportAt: ref, into: &findings)
        else { return findings }
        guard !associations.isEmpty else { return [.notApplicable("the cluster has no Pod Identity associations", at: ref)] }
        for (child, read) in associations {
            guard let association = read.value(orReportAt: PodIdentityAssociation.ref(child), into: &findings) else { continue }
            findings.append(judge(association, aws))
        }
        return findings
    }
}
