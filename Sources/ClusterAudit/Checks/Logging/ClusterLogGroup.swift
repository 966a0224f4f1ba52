import ClusterSnapshot
import EKSGuardCore

/// The CloudWatch log group EKS writes control-plane logs to: `/aws/eks/<cluster>/cluster`.
package struct ClusterLogGroup: Sendable {
    package var name: String
    /// `logs:DescribeLogGroups → logGroups[]` entry, nil when the group does not exist yet.
    package var group: JSONValue?
    /// Whether any log type is enabled (the group appears only after EKS writes to it).
    package var loggingEnabled: Bool

    package var ref: ResourceRef {
        ResourceRef(kind: "LogGroup", name: name, arn: group?["arn"]?.string)
    }

    /// Reads the group, or the gap that stops a check: no AWS input, DescribeCluster or DescribeLogGroups failed.
    package static func read(_ facts: ClusterFacts) -> Fetched<ClusterLogGroup> {
        facts.requireAWS.flatMap { aws in
            let name = "/aws/eks/\(aws.clusterName)/cluster"
            return ClusterLogging.enabledTypes(of: facts).flatMap { enabled in
                aws.response("logs", "DescribeLogGroups").map { answer in
                    let group = answer["logGroups"]?.array?.first { $0["logGroupName"]?.string == name }
                    return ClusterLogGroup(name: name, group: group, loggingEnabled: !enabled.isEmpty)
                }
            }
        }
    }

    /// The finding when there is no group to judge: not applicable without logging (EKS-LOG-001
    /// reports that), a failure when logging is on but the group is missing (deleted, or never written).
    package func absentFinding() -> Finding {
        if loggingEnabled {
            return .fail("control-plane logging is enabled but the log group \(name) does not exist (deleted, or in another region)", at: ref)
        }
        return .notApplicable("no control-plane log type is enabled, so there is no log group \(name) (see EKS-LOG-001)", at: ref)
    }
}
