import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IMG-007: immutable tags keep a tag pointing at the image that was scanned and approved.
package struct TagMutabilityCheck: ClusterCheck {
    package init() {}

    typealias E = RegistryExamples

    static let values: Set<String> = ["MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION", "MUTABLE_WITH_EXCLUSION"]

    static func example(_ fields: String) -> String { E.calls(E.describeRepositories(E.repository("web", fields))) }

    package static let metadata = CheckMetadata(
        id: "EKS-IMG-007",
        title: "ECR repositories have immutable tags",
        practice: .imageScanning,
        severity: .medium,
        rationale: """
            With mutable tags, `web:1.4` can be overwritten after it was scanned and approved. \
            `imageTagMutability` MUTABLE and MUTABLE_WITH_EXCLUSION (mutable except for the listed tags) \
            fail; IMMUTABLE passes, and IMMUTABLE_WITH_EXCLUSION passes listing the exclusion filters (tools \
            that only compare with the literal "MUTABLE" miss MUTABLE_WITH_EXCLUSION).
            """,
        remediation: """
            aws ecr put-image-tag-mutability --repository-name REPO --image-tag-mutability IMMUTABLE.
            """,
        references: ["prowler:ecr_repositories_tag_immutability", "checkov:CKV_AWS_51", "trivy:AWS-0031", "securityhub:ECR.2", "bpg:image-immutable-tags"],
        passing: [
            .cluster(example(#""imageTagMutability": "IMMUTABLE""#)),
            .cluster(example(#""imageTagMutability": "IMMUTABLE_WITH_EXCLUSION", "imageTagMutabilityExclusionFilters": [{"filterType": "WILDCARD", "filter": "latest"}]"#)),
        ],
        failing: [
            .cluster(example(#""imageTagMutability": "MUTABLE""#), expect: ["ECRRepository/web"]),
            .cluster(example(#""imageTagMutability": "MUTABLE_WITH_EXCLUSION", "imageTagMutabilityExclusionFilters": [{"filterType": "WILDCARD", "filter": "release-*"}]"#)),
            .cluster(example(#""imageTagMutability": "SOMETIMES""#), status: .error),
            .cluster(E.calls(), status: .error, note: "repositories not collected"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        facts.eachRepository { repository, _ in
            let ref = repository.ref("repositories[].imageTagMutability")
            let value = repository.value["imageTagMutability"]?.string ?? "(none)"
            guard Self.values.contains(value) else { return .error("\(repository.name): unknown imageTagMutability \(value)", at: ref) }
            let exclusions = repository.value["imageTagMutabilityExclusionFilters"]?.array?.compactMap { $0["filter"]?.string } ?? []
            let text = "\(repository.name): \(value)\(exclusions.isEmpty ? "" : " except [\(exclusions.joined(separator: ", "))]")"
            return value.hasPrefix("IMMUTABLE") ? .pass(text, at: ref) : .fail(text, at: ref)
        }
    }
}
