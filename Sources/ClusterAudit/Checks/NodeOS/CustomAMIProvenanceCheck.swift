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
            `amazon` owner alias (Bottlerocket), or names matching the EKS/Bottlerocket patterns.
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
        ],
        failing: [
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "mystery", "amiType": "CUSTOM", "launchTemplate": {"id": "lt-1", "version": "1"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 1, "LaunchTemplateData": {"ImageId": "ami-m"}}]}},
                           {"call": "ec2:DescribeImages", "response": {"Images": [{"ImageId": "ami-m", "Name": "my-k8s-node", "OwnerId": "999988887777"}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, expect: ["Nodegroup/mystery"]),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "gone", "amiType": "CUSTOM", "launchTemplate": {"id": "lt-1", "version": "1"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 1, "LaunchTemplateData": {"ImageId": "ami-gone"}}]}},
                           {"call": "ec2:DescribeImages", "response": {"Images": []}}, \#(ComputeExample.noSelfManaged)]}
                """#, status: .error, note: "AMI not described (deregistered or unshared)"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let pools = facts.poolAMIs(into: &findings) else { return findings }
        let owners = Set(context.list("allowed-ami-owners", default: ["602401143452"]))
        for (pool, ami) in pools {
            guard let image = ami.image else {
                findings.append(.pass("\(pool.label) boots an AWS-published AMI (\(ami.evidence))", at: pool.ref.at("amiType", nil)))
                continue
            }
            let ref = pool.ref.at("launchTemplate.ImageId", nil)
            let owner = image["OwnerId"]?.string ?? "?"
            let alias = image["ImageOwnerAlias"]?.string
            if owners.contains(owner) || alias == "amazon" {
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
