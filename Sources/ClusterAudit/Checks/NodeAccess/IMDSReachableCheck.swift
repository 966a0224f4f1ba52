import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IAM-009: node instance metadata reachable from pods, which hands them the node role.
package struct IMDSReachableCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-009",
        title: "Pods cannot reach the node's instance metadata credentials",
        practice: .podIdentity,
        severity: .high,
        rationale: """
            A pod that reaches IMDS gets the node role's credentials. IMDSv1 (`HttpTokens: optional`) answers any \
            request (high); with IMDSv2, a `HttpPutResponseHopLimit` above 1 lets the token reply cross the pod's \
            network hop (high) while `HttpEndpoint` is enabled. Settings are read from the running instances first \
            (the effective values); a node pool without running instances is judged by its launch template, then an \
            AMI with `ImdsSupport: v2.0` (which implies tokens required and hop limit 2), then the account defaults \
            (`ec2:GetInstanceMetadataDefaults`). A NetworkPolicy whose egress `ipBlock.except` removes \
            169.254.169.254/32 is named and lowers the hop-limit finding to medium: it protects only the pods it \
            selects, and never hostNetwork pods (EKS-IAM-010). Karpenter `EC2NodeClass.spec.metadataOptions` are \
            judged as well (Karpenter's defaults: `httpTokens: required`, `httpPutResponseHopLimit: 1`), since they \
            decide every node the class launches.
            """,
        remediation: """
            aws ec2 modify-instance-metadata-options --instance-id INSTANCE --http-tokens required \
            --http-put-response-hop-limit 1, and set the same MetadataOptions in the launch template.
            """,
        references: ["prowler:ec2_instance_imdsv2_enabled", "prowler:ec2_launch_template_imdsv2_required", "prowler:ec2_instance_account_imdsv2_enabled",
                     "checkov:CKV_AWS_79", "checkov:CKV_AWS_341", "trivy:AWS-0028", "trivy:AWS-0130", "kubescape:C-0052", "bpg:iam/restrict-access-to-the-instance-profile-assigned-to-the-worker-node"],
        passing: [
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1"}],
                 "calls": [{"call": "ec2:DescribeInstances", "response": {"Reservations": [{"Instances": [{"InstanceId": "i-1", "Tags": [{"Key": "eks:nodegroup-name", "Value": "ng-1"}, {"Key": "eks:cluster-name", "Value": "demo"}],
                              "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 1, "HttpEndpoint": "enabled"}}]}]}}, \#(ComputeExample.noSelfManaged)]}
                """#),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1"}],
                 "calls": [{"call": "ec2:DescribeInstances", "response": {"Reservations": [{"Instances": [{"InstanceId": "i-1", "Tags": [{"Key": "eks:nodegroup-name", "Value": "ng-1"}, {"Key": "eks:cluster-name", "Value": "demo"}],
                              "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 1, "HttpEndpoint": "enabled"}}]}]}}, \#(ComputeExample.noSelfManaged)],
                 "kubernetes": [{"apiVersion": "karpenter.k8s.aws/v1", "kind": "EC2NodeClass", "metadata": {"name": "default"}, "spec": {"amiSelectorTerms": [{"alias": "bottlerocket@latest"}]}}]}
                """#, note: "Karpenter node class with Karpenter's metadata defaults (tokens required, hop limit 1)"),
        ],
        failing: [
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1"}],
                 "calls": [{"call": "ec2:DescribeInstances", "response": {"Reservations": [{"Instances": [{"InstanceId": "i-1", "Tags": [{"Key": "eks:nodegroup-name", "Value": "ng-1"}, {"Key": "eks:cluster-name", "Value": "demo"}],
                              "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 1, "HttpEndpoint": "enabled"}}]}]}}, \#(ComputeExample.noSelfManaged)],
                 "kubernetes": [{"apiVersion": "karpenter.k8s.aws/v1", "kind": "EC2NodeClass", "metadata": {"name": "batch"},
                                 "spec": {"amiSelectorTerms": [{"alias": "al2023@latest"}], "metadataOptions": {"httpPutResponseHopLimit": 2}}}]}
                """#, expect: ["EC2NodeClass/batch"], note: "Karpenter node class raising the hop limit to 2 (tokens stay required by default)"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1"}],
                 "calls": [{"call": "ec2:DescribeInstances", "response": {"Reservations": [{"Instances": [
                              {"InstanceId": "i-1", "Tags": [{"Key": "eks:nodegroup-name", "Value": "ng-1"}, {"Key": "eks:cluster-name", "Value": "demo"}], "MetadataOptions": {"HttpTokens": "optional", "HttpPutResponseHopLimit": 1, "HttpEndpoint": "enabled"}},
                              {"InstanceId": "i-2", "Tags": [{"Key": "eks:nodegroup-name", "Value": "ng-1"}, {"Key": "eks:cluster-name", "Value": "demo"}], "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 2, "HttpEndpoint": "enabled"}}]}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, expect: ["Instance/i-1", "Instance/i-2"], note: "high: IMDSv1 on one, hop limit 2 on the other"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-new", "launchTemplate": {"id": "lt-1", "version": "1"}}],
                 "calls": [{"call": "ec2:DescribeInstances", "response": {"Reservations": []}},
                           {"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 1, "LaunchTemplateData": {"ImageId": "ami-v2"}}]}},
                           {"call": "ec2:DescribeImages", "response": {"Images": [{"ImageId": "ami-v2", "Name": "amazon-eks-node-al2023-x86_64-standard-1.33-v20261001", "ImdsSupport": "v2.0"}]}},
                           {"call": "ec2:GetInstanceMetadataDefaults", "response": {"AccountLevel": {}}}, \#(ComputeExample.noSelfManaged)]}
                """#, expect: ["Nodegroup/ng-new"], note: "no instances yet: AMI ImdsSupport v2.0 implies hop limit 2"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-acct", "launchTemplate": {"id": "lt-2", "version": "1"}}],
                 "calls": [{"call": "ec2:DescribeInstances", "response": {"Reservations": []}},
                           {"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-2", "VersionNumber": 1,
                              "LaunchTemplateData": {"ImageId": "ami-old", "MetadataOptions": {"HttpTokens": "required"}}}]}},
                           {"call": "ec2:DescribeImages", "response": {"Images": [{"ImageId": "ami-old", "Name": "corp-node"}]}},
                           {"call": "ec2:GetInstanceMetadataDefaults", "response": {"AccountLevel": {"HttpPutResponseHopLimit": 3}}}, \#(ComputeExample.noSelfManaged)]}
                """#, expect: ["Nodegroup/ng-acct"], note: "tokens from the template, hop limit 3 from the account defaults"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1"}],
                 "calls": [{"call": "ec2:DescribeInstances", "response": {"Reservations": [{"Instances": [{"InstanceId": "i-2", "Tags": [{"Key": "eks:cluster-name", "Value": "demo"}, {"Key": "eks:nodegroup-name", "Value": "ng-1"}],
                              "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 2, "HttpEndpoint": "enabled"}}]}]}}, \#(ComputeExample.noSelfManaged)],
                 "kubernetes": [{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "deny-imds", "namespace": "app"},
                                 "spec": {"podSelector": {}, "policyTypes": ["Egress"], "egress": [{"to": [{"ipBlock": {"cidr": "0.0.0.0/0", "except": ["169.254.169.254/32"]}}]}]}}]}
                """#, expect: ["Instance/i-2"], note: "medium: hop limit 2 with a compensating NetworkPolicy named"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1"}],
                 "calls": [{"call": "ec2:DescribeInstances", "response": {"Reservations": [{"Instances": [{"InstanceId": "i-3", "Tags": [{"Key": "eks:cluster-name", "Value": "demo"}],
                              "MetadataOptions": {"HttpTokens": "sometimes", "HttpPutResponseHopLimit": 1}}]}]}}, \#(ComputeExample.noSelfManaged)]}
                """#, status: .error, note: "unknown HttpTokens value"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let pools = facts.readablePools(into: &findings), let aws = facts.aws,
              let instances = facts.nodeInstances.value(orReportAt: facts.resource.at("instances", nil), into: &findings)
        else { return findings }
        let blocking = facts.kubernetes?.imdsBlockingPolicies ?? []
        for node in instances {
            let ref = node.ref.at("MetadataOptions", nil)
            guard let settings = aws.imds(of: node).value(orReportAt: ref, into: &findings) else { continue }
            findings.append(judge("instance \(node.label)", settings, blocking: blocking, at: ref))
        }
        let running = Set(instances.compactMap(\.pool))
        for pool in pools where !running.contains(pool.name) {
            let ref = pool.ref.at("launchTemplate.MetadataOptions", nil)
            guard let settings = aws.imds(of: pool).value(orReportAt: ref, into: &findings) else { continue }
            findings.append(judge("\(pool.label) (no running instance)", settings, blocking: blocking, at: ref))
        }
        for nodeClass in facts.karpenterNodeClasses(into: &findings) {
            let ref = nodeClass.metadataOptionsRef
            guard let settings = nodeClass.imds.value(orReportAt: ref, into: &findings) else { continue }
            findings.append(judge(nodeClass.label, settings, blocking: blocking, at: ref))
        }
        return findings
    }

    private func judge(_ label: String, _ settings: IMDSSettings, blocking: [String], at ref: ResourceRef) -> Finding {
        if settings.endpoint == "disabled" { return .pass("\(label): IMDS is off (\(settings.evidence))", at: ref) }
        if settings.tokens == "optional" {
            return .fail("\(label) answers IMDSv1 requests from any pod: \(settings.evidence)", at: ref, severity: .high)
        }
        if settings.hopLimit > 1 {
            if !blocking.isEmpty {
                return .fail("\(label): pods can fetch IMDSv2 tokens (\(settings.evidence)); NetworkPolicy \(blocking.joined(separator: ", ")) blocks 169.254.169.254 for the pods it selects only", at: ref, severity: .medium)
            }
            return .fail("\(label): pods can fetch IMDSv2 tokens and the node role's credentials (\(settings.evidence))", at: ref, severity: .high)
        }
        return .pass("\(label): \(settings.evidence)", at: ref)
    }
}
