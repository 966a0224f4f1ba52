import ClusterSnapshot
import EKSGuardCore

/// EKS-OS-003: custom node AMIs that come neither from AWS's EKS/Bottlerocket accounts nor from
/// an approved golden-image account.
package struct CustomAMIProvenanceCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-OS-003",
        title: "Custom node AMIs come from approved owners",
        practice: .nodeOS,
        severity: .medium,
        rationale: """
            A node group with `amiType: CUSTOM`, or a self-managed group, boots whatever AMI its launch template \
            names. An AMI owned by an unknown account and named like no EKS-optimized or Bottlerocket image has no \
            known patch process. The check resolves launch template → `ImageId` → `ec2:DescribeImages` and accepts \
            owners in `allowed-ami-owners` (comma-separated account IDs, default `602401143452`, the EKS AMI account \
            in standard partitions; GovCloud, China and some opt-in regions use other accounts, so set it there), the \
            `amazon` owner alias (Bottlerocket), or names matching the EKS/Bottlerocket patterns. A Karpenter \
            `EC2NodeClass` selecting AMIs by `alias` boots AWS-published AMIs; otherwise each `amiSelectorTerms` entry \
            must show an approved `owner`, a public `/aws/service/` SSM parameter, or an `id` whose AMI the snapshot \
            describes with an approved owner (tags alone, or a name without an owner, say nothing: error).
            """,
        remediation: """
            Build node AMIs from the EKS-optimized or Bottlerocket images in a pipeline owned by an approved account, \
            and add that account to allowed-ami-owners.
            """,
        references: ["bpg:hosts/use-an-os-optimized-for-running-containers"],
        passing: [
            .cluster(#"{"nodegroups": [{"nodegroupName": "ng-1", "amiType": "BOTTLEROCKET_ARM_64"}], "calls": [\#(ComputeExample.noSelfManaged)]}"#),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "golden", "amiType": "CUSTOM", "launchTemplate": {"id": "lt-1", "version": "1"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 1, "LaunchTemplateData": {"ImageId": "ami-g"}}]}},
                           {"call": "ec2:DescribeImages", "response": {"Images": [{"ImageId": "ami-g", "Name": "corp-hardened-al2023", "OwnerId": "444455556666"}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, options: ["allowed-ami-owners": "602401143452,444455556666"], note: "golden-image account approved"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1", "amiType": "AL2023_x86_64_STANDARD"}], "calls": [\#(ComputeExample.noSelfManaged)],
                 "kubernetes": [{"apiVersion": "karpenter.k8s.aws/v1", "kind": "EC2NodeClass", "metadata": {"name": "golden"},
                                 "spec": {"amiSelectorTerms": [{"name": "corp-hardened-*", "owner": "444455556666"}]}}]}
                """#, options: ["allowed-ami-owners": "602401143452,444455556666"], note: "Karpenter terms naming an approved owner"),
        ],
        failing: [
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "mystery", "amiType": "CUSTOM", "launchTemplate": {"id": "lt-1", "version": "1"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 1, "LaunchTemplateData": {"ImageId": "ami-m"}}]}},
                           {"call": "ec2:DescribeImages", "response": {"Images": [{"ImageId": "ami-m", "Name": "my-k8s-node", "OwnerId": "999988887777"}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, expect: ["Nodegroup/mystery"]),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1", "amiType": "AL2023_x86_64_STANDARD"}], "calls": [\#(ComputeExample.noSelfManaged)],
                 "kubernetes": [{"apiVersion": "karpenter.k8s.aws/v1", "kind": "EC2NodeClass", "metadata": {"name": "custom"},
                                 "spec": {"amiSelectorTerms": [{"name": "my-k8s-node-*", "owner": "999988887777"}]}}]}
                """#, expect: ["EC2NodeClass/custom"], note: "Karpenter terms naming an owner outside allowed-ami-owners"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1", "amiType": "AL2023_x86_64_STANDARD"}], "calls": [\#(ComputeExample.noSelfManaged)],
                 "kubernetes": [{"apiVersion": "karpenter.k8s.aws/v1", "kind": "EC2NodeClass", "metadata": {"name": "tagged"},
                                 "spec": {"amiSelectorTerms": [{"tags": {"team": "platform"}}]}}]}
                """#, status: .error, note: "Karpenter selecting AMIs by tags only: the owner is unknown"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "gone", "amiType": "CUSTOM", "launchTemplate": {"id": "lt-1", "version": "1"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 1, "LaunchTemplateData": {"ImageId": "ami-gone"}}]}},
                           {"call": "ec2:DescribeImages", "response": {"Images": []}}, \#(ComputeExample.noSelfManaged)]}
                """#, status: .error, note: "AMI not described (deregistered or unshared)"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        let owners = Set(context.list("allowed-ami-owners", default: ["602401143452"]))
        for nodeClass in facts.karpenterNodeClasses(into: &findings) {
            guard let selected = nodeClass.family.value(orReportAt: nodeClass.specRef, into: &findings) else { continue }
            if selected.family != nil {
                findings.append(.pass("\(nodeClass.label) boots AWS-published AMIs (\(selected.evidence))", at: nodeClass.ref(selected.at)))
                continue
            }
            for term in nodeClass.termProvenance(owners: owners, aws: facts.aws) {
                guard let verdict = term.verdict.value(orReportAt: term.at, into: &findings) else { continue }
                findings.append(verdict.approved
                    ? .pass("\(nodeClass.label): \(verdict.evidence) is approved", at: term.at)
                    : .fail("\(nodeClass.label): AMIs of unknown provenance, \(verdict.evidence) not in allowed-ami-owners", at: term.at))
            }
        }
        guard let pools = facts.poolAMIs(into: &findings) else { return findings }
        for (pool, ami) in pools {
            guard let image = ami.image else {
                findings.append(.pass("\(pool.label) boots an AWS-published AMI (\(ami.evidence))", at: pool.ref.at("amiType", nil)))
                continue
            }
            let ref = pool.ref.at("launchTemplate.ImageId", nil)
            let owner = image["OwnerId"]?.string ?? "?"
            let alias = image["ImageOwnerAlias"]?.string
            if isApprovedAMIOwner(owner, alias: alias, allowed: owners) {
                findings.append(.pass("\(pool.label): AMI owner \(owner)\(alias.map { " (\($0))" } ?? "") is approved (\(ami.evidence))", at: ref))
            } else if ami.family != nil {
                findings.append(.pass("\(pool.label): AMI name follows the \(ami.family!.rawValue) pattern (\(ami.evidence))", at: ref))
            } else {
                findings.append(.fail("\(pool.label): AMI of unknown provenance, owner \(owner) not in allowed-ami-owners and name matches no EKS/Bottlerocket pattern (\(ami.evidence))", at: ref))
            }
        }
        return findings
    }
}
