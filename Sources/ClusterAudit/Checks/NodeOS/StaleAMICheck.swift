import ClusterSnapshot
import EKSGuardCore
import Foundation

/// EKS-OS-004: node AMIs that are deprecated, older than policy, or behind the recommended release.
package struct StaleAMICheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-OS-004",
        title: "Node AMIs are current",
        practice: .nodeOS,
        severity: .medium,
        rationale: """
            Nodes are patched by replacing them with newer AMIs. An AMI past its `DeprecationTime` is high; one whose \
            `CreationDate` (or the build date in an EKS `releaseVersion` such as `1.31.3-20250103`) is older than \
            `ami-max-age-days` (default 60) is medium, as is a managed node group whose `releaseVersion` differs from \
            the recommended one when the snapshot holds the public SSM parameter \
            (`/aws/service/eks/optimized-ami/<k8s>/amazon-linux-2023/<arch>/standard/recommended/release_version`, \
            `/aws/service/bottlerocket/aws-k8s-<k8s>/<arch>/latest/image_version`). A launch template that resolves its \
            AMI from an SSM parameter takes the latest at each launch.
            """,
        remediation: """
            aws eks update-nodegroup-version --cluster-name CLUSTER --nodegroup-name NODEGROUP (or roll the launch template \
            to a current AMI), and automate it on every AMI release.
            """,
        references: ["prowler:ec2_instance_with_outdated_ami", "bpg:hosts/keep-your-worker-node-os-updated"],
        passing: [
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1", "amiType": "AL2023_x86_64_STANDARD", "version": "1.33", "releaseVersion": "1.33.5-20261020"}],
                 "calls": [{"call": "ssm:GetParameter", "parameters": {"Name": "/aws/service/eks/optimized-ami/1.33/amazon-linux-2023/x86_64/standard/recommended/release_version"},
                            "response": {"Parameter": {"Name": "/aws/service/eks/optimized-ami/1.33/amazon-linux-2023/x86_64/standard/recommended/release_version", "Value": "1.33.5-20261020"}}},
                           \#(ComputeExample.noSelfManaged)]}
                """#),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "custom", "amiType": "CUSTOM", "launchTemplate": {"id": "lt-1", "version": "2"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 2, "LaunchTemplateData": {"ImageId": "ami-1"}}]}},
                           {"call": "ec2:DescribeImages", "response": {"Images": [{"ImageId": "ami-1", "Name": "amazon-eks-node-al2023-x86_64-standard-1.33-v20261015", "CreationDate": "2026-10-15T08:00:00.000Z", "DeprecationTime": "2028-10-15T08:00:00.000Z"}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#),
        ],
        failing: [
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "custom", "amiType": "CUSTOM", "launchTemplate": {"id": "lt-1", "version": "2"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 2, "LaunchTemplateData": {"ImageId": "ami-1"}}]}},
                           {"call": "ec2:DescribeImages", "response": {"Images": [{"ImageId": "ami-1", "Name": "amazon-eks-node-al2023-x86_64-standard-1.30-v20240601", "CreationDate": "2024-06-01T08:00:00.000Z", "DeprecationTime": "2026-06-01T08:00:00.000Z"}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, expect: ["Nodegroup/custom"], note: "high: deprecated AMI"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-old", "amiType": "AL2023_ARM_64_STANDARD", "version": "1.33", "releaseVersion": "1.33.1-20260701"}], "calls": [\#(ComputeExample.noSelfManaged)]}
                """#, expect: ["Nodegroup/ng-old"], note: "medium: build date 123 days before 2026-11-01"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-behind", "amiType": "BOTTLEROCKET_x86_64", "version": "1.33", "releaseVersion": "1.48.0-abcdef12"}],
                 "calls": [{"call": "ssm:GetParameter", "parameters": {"Name": "/aws/service/bottlerocket/aws-k8s-1.33/x86_64/latest/image_version"},
                            "response": {"Parameter": {"Name": "/aws/service/bottlerocket/aws-k8s-1.33/x86_64/latest/image_version", "Value": "1.50.0-0fedcba9"}}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, expect: ["Nodegroup/ng-behind"], note: "medium: behind the latest Bottlerocket release"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-br", "amiType": "BOTTLEROCKET_x86_64", "version": "1.33", "releaseVersion": "1.48.0-abcdef12"}], "calls": [\#(ComputeExample.noSelfManaged)]}
                """#, status: .error, note: "no build date in the release and no SSM parameter collected"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let pools = facts.poolAMIs(into: &findings), let aws = facts.aws else { return findings }
        let maxAge = context.integer("ami-max-age-days", default: 60)
        for (pool, ami) in pools {
            if let image = ami.image {
                let ref = pool.ref.at("launchTemplate.ImageId", nil)
                let name = "\(pool.label): \(ami.imageID ?? "?")"
                if let deprecation = AWSDate.of(image["DeprecationTime"]), deprecation < context.now {
                    findings.append(.fail("\(name) was deprecated on \(AWSDate.day(deprecation))", at: ref, severity: .high))
                } else if let created = AWSDate.of(image["CreationDate"]) {
                    findings.append(age(name, built: created, maxAge: maxAge, now: context.now, at: ref))
                } else {
                    findings.append(.error("\(name): ec2:DescribeImages gives no CreationDate", at: ref))
                }
                continue
            }
            if ami.imageID == nil, pool.kind == .selfManaged || pool.object["amiType"]?.string == "CUSTOM" {
                findings.append(.pass("\(pool.label) takes the latest AMI at each launch (\(ami.evidence))", at: pool.ref.at("launchTemplate.ImageId", nil)))
                continue
            }
            findings.append(managed(pool, family: ami.family, aws: aws, maxAge: maxAge, now: context.now))
        }
        return findings
    }

    /// A managed node group on an EKS-published AMI: its release against the SSM recommendation,
    /// else the build date inside the release version.
    private func managed(_ pool: NodePool, family: NodeOSFamily?, aws: AWSFacts, maxAge: Int, now: Date) -> Finding {
        let ref = pool.ref.at("releaseVersion", nil)
        guard let release = pool.object["releaseVersion"]?.string else {
            return .error("\(pool.label): DescribeNodegroup answered without releaseVersion", at: ref)
        }
        if let recommended = recommendedRelease(pool, family: family, aws: aws) {
            let current = family == .bottlerocket ? String(release.prefix { $0 != "-" }) : release
            let wanted = family == .bottlerocket ? String(recommended.value.prefix { $0 != "-" }) : recommended.value
            if current != wanted {
                return .fail("\(pool.label): releaseVersion \(release), recommended \(recommended.value) (\(recommended.parameter))", at: ref, severity: .medium)
            }
            return .pass("\(pool.label): releaseVersion \(release) is the recommended release", at: ref)
        }
        if let match = release.range(of: #"-\d{8}$"#, options: .regularExpression),
           let built = Self.buildDate(String(release[match].dropFirst())) {
            return age("\(pool.label): releaseVersion \(release)", built: built, maxAge: maxAge, now: now, at: ref)
        }
        return .error("\(pool.label): releaseVersion \(release) carries no build date and the snapshot has no SSM recommended-release parameter for it", at: ref)
    }

    private func age(_ name: String, built: Date, maxAge: Int, now: Date, at ref: ResourceRef) -> Finding {
        let days = Int(now.timeIntervalSince(built) / 86_400)
        if days > maxAge {
            return .fail("\(name) was built \(days) days ago (\(AWSDate.day(built))), over ami-max-age-days \(maxAge)", at: ref, severity: .medium)
        }
        return .pass("\(name) was built \(days) days ago (\(AWSDate.day(built))), within \(maxAge) days", at: ref)
    }

    /// The recommended release from a collected `ssm:GetParameter`, for AL2023 standard and Bottlerocket groups.
    private func recommendedRelease(_ pool: NodePool, family: NodeOSFamily?, aws: AWSFacts) -> (parameter: String, value: String)? {
        guard let version = pool.object["version"]?.string, let amiType = pool.object["amiType"]?.string else { return nil }
        let arm = amiType.contains("ARM_64")
        let path: String
        switch family {
        case .al2023 where amiType.hasSuffix("_STANDARD"):
            path = "/aws/service/eks/optimized-ami/\(version)/amazon-linux-2023/\(arm ? "arm64" : "x86_64")/standard/recommended/release_version"
        case .bottlerocket:
            path = "/aws/service/bottlerocket/aws-k8s-\(version)/\(arm ? "arm64" : "x86_64")/latest/image_version"
        default: return nil
        }
        guard let answers = try? aws.responses("ssm", "GetParameter").get() else { return nil }
        let value = answers.lazy.compactMap { $0.response["Parameter"] }.first { $0["Name"]?.string == path }?["Value"]?.string
        return value.map { (path, $0) }
    }

    private static func buildDate(_ digits: String) -> Date? {
        AWSDate.parse("\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))T00:00:00Z")
    }
}
