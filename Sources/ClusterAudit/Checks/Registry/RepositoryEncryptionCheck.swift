import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IMG-013: repositories encrypted with a KMS key you control.
package struct RepositoryEncryptionCheck: ClusterCheck {
    package init() {}

    typealias E = RegistryExamples

    static let types: Set<String> = ["AES256", "KMS", "KMS_DSSE"]

    static func example(_ encryption: String) -> String {
        E.calls(E.describeRepositories(E.repository("web", #""encryptionConfiguration": \#(encryption)"#)))
    }

    package static let metadata = CheckMetadata(
        id: "EKS-IMG-013",
        title: "ECR repositories are encrypted with KMS",
        practice: .imageScanning,
        severity: .low,
        rationale: """
            `encryptionConfiguration.encryptionType` AES256 uses keys ECR manages, outside your key policies \
            and CloudTrail key-use records; KMS and KMS_DSSE use a KMS key (named by `kmsKey`).
            """,
        remediation: """
            Encryption is fixed at creation: create a new repository with --encryption-configuration \
            encryptionType=KMS,kmsKey=KEY_ARN and replicate the images into it.
            """,
        references: ["checkov:CKV_AWS_136", "trivy:AWS-0033"],
        passing: [.cluster(example(#"{"encryptionType": "KMS", "kmsKey": "arn:aws:kms:us-east-1:111122223333:key/k"}"#))],
        failing: [
            .cluster(example(#"{"encryptionType": "AES256"}"#), expect: ["ECRRepository/web"]),
            .cluster(example(#"{"encryptionType": "ROT13"}"#), status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        facts.eachRepository { repository, _ in
            let ref = repository.ref("repositories[].encryptionConfiguration.encryptionType")
            let type = repository.value[path: "encryptionConfiguration.encryptionType"]?.string ?? "(none)"
            guard Self.types.contains(type) else { return .error("\(repository.name): unknown encryptionType \(type)", at: ref) }
            if type == "AES256" { return .fail("\(repository.name): encryptionType AES256 (ECR-managed keys)", at: ref) }
            let key = repository.value[path: "encryptionConfiguration.kmsKey"]?.string ?? "the AWS managed key aws/ecr"
            return .pass("\(repository.name): encryptionType \(type) with \(key)", at: ref)
        }
    }
}
