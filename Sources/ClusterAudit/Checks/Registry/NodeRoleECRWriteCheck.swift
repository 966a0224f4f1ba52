import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IMG-010: nodes pull images; a node role that can push lets any pod reaching it replace images.
package struct NodeRoleECRWriteCheck: ClusterCheck {
    package init() {}

    typealias R = NodeRoleReview

    static let writeActions = ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:BatchDeleteImage", "ecr:DeleteRepository", "ecr:SetRepositoryPolicy", "ecr:CreateRepository"]

    package static let metadata = CheckMetadata(
        id: "EKS-IMG-010",
        title: "Node role has read-only ECR access",
        practice: .imageScanning,
        severity: .high,
        rationale: """
            The node role needs to pull (AmazonEC2ContainerRegistryReadOnly or PullOnly). Any attached or \
            inline policy that allows pushing, deleting or re-policying repositories (ecr:PutImage, \
            ecr:*, AmazonEC2ContainerRegistryFullAccess/PowerUser, or `*`) lets any pod that reaches the node \
            credentials replace the images the cluster runs.
            """,
        remediation: """
            Detach the ECR write policy from the node role; keep AmazonEC2ContainerRegistryPullOnly and give CI its own role for pushes.
            """,
        references: ["CIS-EKS-1.8.0:5.1.3", "CIS-EKS-1.7.0:5.1.3", "kubescape:C-0223", "bpg:image-ecr-iam-policies"],
        passing: [.cluster(R.example(attached: [R.managed("AmazonEC2ContainerRegistryReadOnly", #"{"Statement": [{"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "Resource": "*"}]}"#)]))],
        failing: [
            .cluster(R.example(attached: [R.managed("AmazonEC2ContainerRegistryPowerUser", #"{"Statement": [{"Effect": "Allow", "Action": ["ecr:*"], "Resource": "*"}]}"#)]), expect: ["IAMRole/nodes"]),
            .cluster(R.example(attached: [], inline: #"{"Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}}"#), note: "NotAction covers ecr"),
            .cluster(
                R.example(attached: [R.managed("Custom", #"{"Statement": 5}"#)]), status: .error, note: "malformed policy document"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        NodeRoleReview.evaluate(facts) { node, policies, _ in
            let ref = node.ref.at(NodeRoleReview.field, nil)
            var writers: [String] = []
            for policy in policies {
                switch policy.document {
                case .failure(let gap): return .gap(gap, at: ref)
                case .success(let document):
                    let granted = Self.writeActions.filter { action in document.statements.contains { $0.allows(action) } }
                    if !granted.isEmpty { writers.append("\(policy.shown) (\(granted.joined(separator: ", ")))") }
                }
            }
            let name = IAMRole.name(of: node.arn)
            if writers.isEmpty { return .pass("node role \(name) (\(node.users)): no ECR write action in \(policies.count) polic(ies)", at: ref) }
            return .fail("node role \(name) (\(node.users)) can write to ECR: \(writers.joined(separator: "; "))", at: ref)
        }
    }
}
