import ClusterSnapshot
import EKSGuardCore

/// EKS-TRN-002: VPC Encryption Controls turn "encrypting types" into an enforced VPC property.
package struct VPCEncryptionControlCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-TRN-002",
        title: "VPC Encryption Controls enforce encryption in the cluster VPC",
        practice: .transitEncryption,
        severity: .low,
        rationale: """
            VPC Encryption Controls (`ec2:DescribeVpcEncryptionControls`) audit (`monitor`) or require \
            (`enforce`) that traffic in the VPC is encrypted, blocking resources that cannot encrypt. \
            None at all is informational; `monitor` is low and lists what blocks enforcement \
            (`ec2:GetVpcResourcesBlockingEncryptionEnforcement`); `enforce` passes.
            """,
        remediation: "aws ec2 create-vpc-encryption-control --vpc-id VPC, review the non-compliant resources, then switch the mode to enforce.",
        references: [],
        passing: [
            .cluster(#"""
                {"cluster": {"name": "prod", "resourcesVpcConfig": {"vpcId": "vpc-1"}},
                 "calls": [{"call": "ec2:DescribeVpcEncryptionControls", "response": {"VpcEncryptionControls": [{"VpcId": "vpc-1", "Mode": "enforce", "State": "available"}]}}]}
                """#),
        ],
        failing: [
            .cluster(#"""
                {"cluster": {"name": "prod", "resourcesVpcConfig": {"vpcId": "vpc-1"}},
                 "calls": [{"call": "ec2:DescribeVpcEncryptionControls", "response": {"VpcEncryptionControls": []}}]}
                """#, expect: ["VPC/vpc-1"]),
            .cluster(#"""
                {"cluster": {"name": "prod", "resourcesVpcConfig": {"vpcId": "vpc-1"}},
                 "calls": [{"call": "ec2:DescribeVpcEncryptionControls", "response": {"VpcEncryptionControls": [{"VpcId": "vpc-1", "Mode": "monitor", "State": "available"}]}},
                           {"call": "ec2:GetVpcResourcesBlockingEncryptionEnforcement", "response": {"NonCompliantResources": [{"Id": "i-0abc", "Type": "instance"}]}}]}
                """#),
            .cluster(#"""
                {"cluster": {"name": "prod", "resourcesVpcConfig": {"vpcId": "vpc-1"}},
                 "calls": [{"call": "ec2:DescribeVpcEncryptionControls", "response": {"VpcEncryptionControls": [{"VpcId": "vpc-1", "Mode": "audit"}]}}]}
                """#, status: .error, note: "unknown mode"),
            .cluster(#"{"cluster": {"name": "prod", "resourcesVpcConfig": {"vpcId": "vpc-1"}}}"#, status: .error, note: "not collected"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let aws = facts.requireAWS.value(orReportAt: facts.resource, into: &findings),
              let cluster = facts.cluster.value(orReportAt: facts.resource, into: &findings)
        else { return findings }
        guard let vpc = cluster[path: "resourcesVpcConfig.vpcId"]?.string else {
            return [.error("cluster.resourcesVpcConfig.vpcId is missing from eks:DescribeCluster", at: facts.resource)]
        }
        let ref = ResourceRef(kind: "VPC", name: vpc)
        guard let answers = aws.responses("ec2", "DescribeVpcEncryptionControls").value(orReportAt: ref, into: &findings) else { return findings }
        if answers.isEmpty {
            return [.error("the snapshot has no ec2:DescribeVpcEncryptionControls call (collected by an older eksguard)", at: ref)]
        }
        let controls = answers.flatMap { $0.response["VpcEncryptionControls"]?.array ?? [] }.filter { $0["VpcId"]?.string == vpc }
        guard let control = controls.first else {
            return [.fail("no VPC Encryption Control on \(vpc): nothing records or enforces encryption in transit", at: ref, severity: .info)]
        }
        let state = control["State"]?.string ?? "unknown"
        switch control["Mode"]?.string {
        case "enforce":
            return [.pass("VPC Encryption Control in enforce mode (state \(state))", at: ref)]
        case "monitor":
            let blocking = ((try? aws.responses("ec2", "GetVpcResourcesBlockingEncryptionEnforcement").get()) ?? [])
                .flatMap { $0.response["NonCompliantResources"]?.array ?? [] }
                .compactMap { $0["Id"]?.string }
            let listed = blocking.isEmpty ? "" : "; blocking enforcement: \(blocking.prefix(20).joined(separator: ", "))"
            return [.fail("VPC Encryption Control only monitors (state \(state))\(listed)", at: ref)]
        case let other:
            return [.error("VPC Encryption Control mode \(other ?? "missing") is not one this build knows (monitor, enforce)", at: ref)]
        }
    }
}
