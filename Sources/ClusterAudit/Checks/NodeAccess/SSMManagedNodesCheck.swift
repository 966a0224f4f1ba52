import ClusterSnapshot
import EKSGuardCore

/// EKS-ACC-004: node instances registered with Systems Manager, so Session Manager replaces SSH.
package struct SSMManagedNodesCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-ACC-004",
        title: "Node instances are managed by Systems Manager",
        practice: .nodeAccess,
        severity: .medium,
        rationale: """
            Session Manager gives break-glass shell access with IAM authorization and CloudTrail records, which \
            makes SSH keys unnecessary. It works only for instances registered with SSM: each node instance must be \
            in `ssm:DescribeInstanceInformation → InstanceInformationList[]` with `PingStatus` `Online` (medium \
            otherwise); an agent that is not the latest version (`IsLatestVersion: false`) is low. Node instances are \
            found by Auto Scaling membership, the cluster tags and Kubernetes `spec.providerID`.
            """,
        remediation: """
            Attach AmazonSSMManagedInstanceCore (or a narrower equivalent) to the node role, keep the SSM agent \
            running (Bottlerocket: the control container), and allow the nodes to reach the SSM endpoints.
            """,
        references: ["prowler:ec2_instance_managed_by_ssm", "bpg:hosts/minimize-access-to-worker-nodes"],
        passing: [
            .cluster(#"""
                {"calls": [{"call": "ec2:DescribeInstances", "response": {"Reservations": [{"Instances": [{"InstanceId": "i-1", "Tags": [{"Key": "eks:cluster-name", "Value": "demo"}]}]}]}},
                           {"call": "ssm:DescribeInstanceInformation", "response": {"InstanceInformationList": [{"InstanceId": "i-1", "PingStatus": "Online", "IsLatestVersion": true, "AgentVersion": "3.3.1"}]}}]}
                """#),
        ],
        failing: [
            .cluster(#"""
                {"calls": [{"call": "ec2:DescribeInstances", "response": {"Reservations": [{"Instances": [{"InstanceId": "i-1", "Tags": [{"Key": "eks:cluster-name", "Value": "demo"}]},
                                                                                           {"InstanceId": "i-2", "Tags": [{"Key": "kubernetes.io/cluster/demo", "Value": "owned"}]},
                                                                                           {"InstanceId": "i-3", "Tags": [{"Key": "eks:cluster-name", "Value": "demo"}]}]}]}},
                           {"call": "ssm:DescribeInstanceInformation", "response": {"InstanceInformationList": [{"InstanceId": "i-1", "PingStatus": "ConnectionLost"},
                                                                                                             {"InstanceId": "i-3", "PingStatus": "Online", "IsLatestVersion": false, "AgentVersion": "3.1.0"}]}}]}
                """#, expect: ["Instance/i-1", "Instance/i-2", "Instance/i-3"], note: "medium: lost and absent; low: old agent"),
            .cluster(#"""
                {"calls": [{"call": "ec2:DescribeInstances", "response": {"Reservations": [{"Instances": [{"InstanceId": "i-1", "Tags": [{"Key": "eks:cluster-name", "Value": "demo"}]}]}]}},
                           {"call": "ssm:DescribeInstanceInformation", "response": {"InstanceInformationList": [{"InstanceId": "i-1", "PingStatus": "Sleeping"}]}}]}
                """#, status: .error, note: "unknown PingStatus"),
            .cluster(#"""
                {"calls": [{"call": "ec2:DescribeInstances", "response": {"Reservations": [{"Instances": [{"InstanceId": "i-1", "Tags": [{"Key": "eks:cluster-name", "Value": "demo"}]}]}]}},
                           {"call": "ssm:DescribeInstanceInformation", "error": "AccessDeniedException"}]}
                """#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let aws = facts.requireAWS.value(orReportAt: facts.resource, into: &findings),
              let instances = facts.nodeInstances.value(orReportAt: facts.resource.at("instances", nil), into: &findings)
        else { return findings }
        guard !instances.isEmpty else {
            let why = facts.serverlessComputeNote() ?? "no running node instances"
            return [.notApplicable("\(why): nothing to manage with SSM", at: facts.resource)]
        }
        guard let registered = aws.response("ssm", "DescribeInstanceInformation")
            .value(orReportAt: facts.resource.at("ssm.InstanceInformationList", nil), into: &findings) else { return findings }
        let list = registered["InstanceInformationList"]?.array ?? []
        for node in instances {
            let ref = node.ref.at("ssm.PingStatus", nil)
            guard let info = list.first(where: { $0["InstanceId"]?.string == node.id }) else {
                findings.append(.fail("instance \(node.label) is not registered with Systems Manager", at: ref, severity: .medium))
                continue
            }
            let ping = info["PingStatus"]?.string ?? "(missing)"
            let agent = info["AgentVersion"]?.string.map { ", agent \($0)" } ?? ""
            switch ping {
            case "Online":
                if info["IsLatestVersion"]?.bool == false {
                    findings.append(.fail("instance \(node.label) is Online but its SSM agent is not the latest\(agent)", at: ref, severity: .low))
                } else {
                    findings.append(.pass("instance \(node.label) is Online in Systems Manager\(agent)", at: ref))
                }
            case "ConnectionLost", "Inactive":
                findings.append(.fail("instance \(node.label) is registered but \(ping)\(agent)", at: ref, severity: .medium))
            default:
                findings.append(.error("instance \(node.label): unknown PingStatus \(ping)", at: ref))
            }
        }
        return findings
    }
}
