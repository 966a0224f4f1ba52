import ClusterSnapshot
import EKSGuardCore

/// An ingress rule of a node or cluster security group whose source is the whole internet.
package struct InternetIngress: Sendable {
    package var rule: IngressRule
    /// `0.0.0.0/0`, `::/0` or the prefix list that holds one of them.
    package var source: String

    package var text: String { "\(rule.ruleID) \(rule.portText) from \(source)" }
}

/// The security groups of the cluster's nodes and control plane with their internet-open rules.
package struct SecurityGroupExposure: Sendable {
    package var groups: NodeSecurityGroups
    /// Group ID → its rules open to the internet (every group read has an entry).
    package var open: [String: [InternetIngress]]
    package var ruleCounts: [String: Int]

    package func ref(_ group: String) -> ResourceRef {
        ResourceRef(kind: "SecurityGroup", name: group, field: "SecurityGroupRules")
    }

    package func users(_ group: String) -> String { (groups.users[group] ?? []).joined(separator: ", ") }
}

extension ClusterFacts {
    /// Reads every node/cluster security group's ingress rules; what cannot be read becomes an
    /// error finding (a group whose rules or prefix list entries are missing).
    package func securityGroupExposure(into findings: inout [Finding]) -> SecurityGroupExposure? {
        guard let aws = requireAWS.value(orReportAt: resource, into: &findings),
              let cluster = cluster.value(orReportAt: resource, into: &findings) else { return nil }
        let groups = nodeSecurityGroups(cluster: cluster)
        for gap in groups.gaps { findings.append(.gap(gap.gap, at: gap.ref)) }
        var exposure = SecurityGroupExposure(groups: groups, open: [:], ruleCounts: [:])
        for group in groups.sortedIDs {
            guard let rules = aws.ingressRules(ofGroup: group).value(orReportAt: exposure.ref(group), into: &findings) else { continue }
            exposure.ruleCounts[group] = rules.count
            var open: [InternetIngress] = []
            var readable = true
            for rule in rules {
                switch aws.internetSource(of: rule) {
                case .failure(let gap):
                    findings.append(.gap(DataGap("\(rule.ruleID) of \(group): \(gap.reason)"), at: exposure.ref(group)))
                    readable = false
                case .success(let source?): open.append(InternetIngress(rule: rule, source: source))
                case .success(nil): break
                }
            }
            if readable || !open.isEmpty { exposure.open[group] = open }
        }
        return exposure
    }
}
