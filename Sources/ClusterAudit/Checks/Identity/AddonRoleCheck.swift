import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IAM-013: add-ons that call AWS should not borrow the node role.
package struct AddonRoleCheck: ClusterCheck {
    package init() {}

    typealias X = IdentityExamples

    /// Add-ons whose controllers call AWS APIs (vpc-cni is EKS-IAM-012).
    static let awsAddons: Set<String> = [
        "aws-ebs-csi-driver", "aws-efs-csi-driver", "aws-mountpoint-s3-csi-driver", "amazon-cloudwatch-observability",
        "adot", "aws-network-flow-monitoring-agent", "aws-fsx-csi-driver",
    ]

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-013",
        title: "Add-ons with AWS access use their own IAM role",
        practice: .podIdentity,
        severity: .medium,
        rationale: """
            The EBS/EFS/FSx/Mountpoint CSI drivers, CloudWatch observability, ADOT and the network flow \
            monitor call AWS. Without `serviceAccountRoleArn` or `podIdentityAssociations` on the add-on \
            they use the node role, which then must hold their permissions for every pod on the node.
            """,
        remediation: """
            aws eks update-addon --cluster-name CLUSTER --addon-name ADDON --service-account-role-arn ROLE_ARN \
            (or --pod-identity-associations serviceAccount=SA,roleArn=ROLE_ARN).
            """,
        references: ["bpg:iam"],
        passing: [
            .cluster(#"{\#(X.cluster), "addons": [{"addonName": "aws-ebs-csi-driver", "podIdentityAssociations": ["arn:aws:eks:us-east-1:111122223333:podidentityassociation/prod/a-1"]}, {"addonName": "coredns"}]}"#),
            .cluster(#"{\#(X.cluster), "addons": [{"addonName": "coredns"}]}"#, note: "no add-on needs AWS"),
        ],
        failing: [
            .cluster(#"{\#(X.cluster), "addons": [{"addonName": "aws-ebs-csi-driver", "serviceAccountRoleArn": ""}]}"#, expect: ["Addon/aws-ebs-csi-driver"]),
            .cluster(#"{\#(X.cluster), "calls": [{"call": "eks:ListAddons", "error": "AccessDeniedException"}]}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        let ref = facts.resource.at("eks:ListAddons", nil)
        var findings: [Finding] = []
        guard let aws = facts.requireAWS.value(orReportAt: ref, into: &findings),
              let addons = aws.addons.value(orReportAt: ref, into: &findings)
        else { return findings }
        for child in addons where Self.awsAddons.contains(child.name) {
            guard let addon = child.value.value(orReportAt: AddonIdentity.ref(child.name, arn: nil), into: &findings) else { continue }
            let at = AddonIdentity.ref(child.name, arn: addon["addonArn"]?.string)
            if let own = AddonIdentity.ownRole(addon) {
                findings.append(.pass("add-on \(child.name) has \(own)", at: at))
            } else {
                findings.append(.fail("add-on \(child.name) has neither serviceAccountRoleArn nor Pod Identity associations: it uses the node role", at: at))
            }
        }
        if findings.isEmpty {
            let names = addons.map(\.name).sorted()
            return [.notApplicable("no add-on that calls AWS is installed (\(names.isEmpty ? "no add-ons" : names.joined(separator: ", ")))", at: ref)]
        }
        return findings
    }
}
