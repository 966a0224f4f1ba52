import ClusterSnapshot
import EKSGuardCore

/// EKS-OS-001: node groups still booting Amazon Linux 2, including custom AMIs built on it.
package struct AL2EndOfSupportCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-OS-001",
        title: "Node groups do not run end-of-support Amazon Linux 2 AMIs",
        practice: .nodeOS,
        severity: .high,
        rationale: """
            EKS stopped publishing Amazon Linux 2 node AMIs on 2025-11-26 and the AL2 OS itself reaches end of \
            support on 2026-06-30: such nodes stop receiving kernel and package fixes, and no AL2 AMI exists for \
            Kubernetes 1.33 or later. A node group's `amiType` says AL2 directly; `CUSTOM` hides it, so the check \
            follows the launch template to its `ImageId` and reads the AMI name (`amazon-eks-node-1.xx-v…` is AL2). \
            Self-managed Auto Scaling groups are resolved the same way, and Karpenter `EC2NodeClass`es by their \
            `amiSelectorTerms[].alias` (`al2@latest` is AL2) or legacy `amiFamily`.
            """,
        remediation: """
            Create an AL2023 or Bottlerocket node group (amiType AL2023_x86_64_STANDARD or BOTTLEROCKET_x86_64), move \
            workloads with cordon and drain, then delete the AL2 node group.
            """,
        references: ["CIS-EKS-1.2.0:3.3.1", "kubescape:C-0226", "bpg:hosts/use-an-os-optimized-for-running-containers"],
        passing: [
            .cluster(#"{"nodegroups": [{"nodegroupName": "ng-1", "amiType": "AL2023_x86_64_STANDARD"}], "calls": [\#(ComputeExample.noSelfManaged)]}"#),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-br", "amiType": "CUSTOM", "launchTemplate": {"id": "lt-1", "version": "3"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 3, "LaunchTemplateData": {"ImageId": "ami-br"}}]}},
                           {"call": "ec2:DescribeImages", "response": {"Images": [{"ImageId": "ami-br", "Name": "bottlerocket-aws-k8s-1.33-x86_64-v1.40.0-2a1b", "OwnerId": "092701018921"}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, note: "CUSTOM resolved through the launch template to a Bottlerocket AMI"),
            .cluster(#"{"cluster": {"name": "serverless", "computeConfig": {"enabled": true}}, "calls": [\#(ComputeExample.noSelfManaged)]}"#, note: "Auto Mode: not applicable"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "system", "amiType": "BOTTLEROCKET_x86_64"}], "calls": [\#(ComputeExample.noSelfManaged)],
                 "kubernetes": [{"apiVersion": "karpenter.k8s.aws/v1", "kind": "EC2NodeClass", "metadata": {"name": "default"},
                                 "spec": {"amiSelectorTerms": [{"alias": "al2023@latest"}], "role": "KarpenterNodeRole"}}]}
                """#, note: "Karpenter node class selecting AL2023 by alias"),
        ],
        failing: [
            .cluster(#"{"nodegroups": [{"nodegroupName": "ng-old", "amiType": "AL2_x86_64", "releaseVersion": "1.30.4-20241024"}], "calls": [\#(ComputeExample.noSelfManaged)]}"#,
                     expect: ["Nodegroup/ng-old"], note: "amiType names AL2"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-custom", "amiType": "CUSTOM", "launchTemplate": {"name": "golden", "version": "$Latest"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [
                             {"LaunchTemplateName": "golden", "VersionNumber": 1, "LaunchTemplateData": {"ImageId": "ami-new"}},
                             {"LaunchTemplateName": "golden", "VersionNumber": 2, "LaunchTemplateData": {"ImageId": "ami-al2"}}]}},
                           {"call": "ec2:DescribeImages", "response": {"Images": [{"ImageId": "ami-al2", "Name": "amazon-eks-node-1.31-v20250110", "OwnerId": "602401143452"}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, expect: ["Nodegroup/ng-custom"], note: "CUSTOM amiType: AL2 seen only through the AMI name of the $Latest version"),
            .cluster(#"""
                {"calls": [{"call": "autoscaling:DescribeAutoScalingGroups", "response": {"AutoScalingGroups": [{"AutoScalingGroupName": "self-1", "Tags": [{"Key": "kubernetes.io/cluster/demo", "Value": "owned"}],
                              "LaunchTemplate": {"LaunchTemplateId": "lt-9", "Version": "$Default"}}]}},
                           {"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-9", "VersionNumber": 4, "DefaultVersion": true,
                              "LaunchTemplateData": {"ImageId": "resolve:ssm:/aws/service/eks/optimized-ami/1.31/amazon-linux-2/recommended/image_id"}}]}}]}
                """#, expect: ["AutoScalingGroup/self-1"], note: "self-managed group resolving its AMI from the AL2 SSM parameter"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "system", "amiType": "AL2023_x86_64_STANDARD"}], "calls": [\#(ComputeExample.noSelfManaged)],
                 "kubernetes": [{"apiVersion": "karpenter.k8s.aws/v1", "kind": "EC2NodeClass", "metadata": {"name": "legacy"},
                                 "spec": {"amiSelectorTerms": [{"alias": "al2@latest"}], "role": "KarpenterNodeRole"}}]}
                """#, expect: ["EC2NodeClass/legacy"], note: "Karpenter node class launching AL2 nodes (alias al2@latest)"),
            .cluster(#"{"nodegroups": [{"nodegroupName": "ng-x", "amiType": "AL2025_x86_64_FUTURE"}], "calls": [\#(ComputeExample.noSelfManaged)]}"#, status: .error, note: "unknown amiType value"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-custom", "amiType": "CUSTOM", "launchTemplate": {"id": "lt-1", "version": "1"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "error": "UnauthorizedOperation"}]}
                """#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        for nodeClass in facts.karpenterNodeClasses(into: &findings) {
            let fallback = nodeClass.specRef
            guard let selected = nodeClass.family.value(orReportAt: fallback, into: &findings) else { continue }
            let ref = nodeClass.ref(selected.at)
            if selected.family == .al2 {
                findings.append(.fail("\(nodeClass.label) launches Amazon Linux 2 nodes, past EKS AMI end of support (\(selected.evidence))", at: ref))
            } else {
                findings.append(.pass("\(nodeClass.label): \(selected.family?.rawValue ?? "a custom AMI (EKS-OS-003 judges its provenance)") (\(selected.evidence))", at: ref))
            }
        }
        guard let pools = facts.poolAMIs(into: &findings) else { return findings }
        for (pool, ami) in pools {
            let ref = pool.ref.at(ami.imageID == nil ? "amiType" : "launchTemplate.ImageId", nil)
            if ami.family == .al2 {
                findings.append(.fail("\(pool.label) runs Amazon Linux 2, past EKS AMI end of support (\(ami.evidence))", at: ref))
            } else {
                findings.append(.pass("\(pool.label): \(ami.family?.rawValue ?? "not an AL2 AMI name") (\(ami.evidence))", at: ref))
            }
        }
        return findings
    }
}
