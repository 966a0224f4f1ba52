import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IMG-012: lifecycle policies expire old, unscanned, forgotten images.
package struct LifecyclePolicyCheck: ClusterCheck {
    package init() {}

    typealias E = RegistryExamples

    static func example(_ result: String) -> String {
        E.calls(E.describeRepositories(E.repository("web")), #"{"call": "ecr:GetLifecyclePolicy", "parameters": {"repositoryName": "web"}, \#(result)}"#)
    }

    package static let metadata = CheckMetadata(
        id: "EKS-IMG-012",
        title: "ECR repositories have a lifecycle policy",
        practice: .imageScanning,
        severity: .low,
        rationale: """
            Without a lifecycle policy old images pile up: they stop being rescanned (their scan \
            eligibility expires), still carry their vulnerabilities, and can be deployed again by tag. \
            LifecyclePolicyNotFoundException is the answer "no policy", not an error.
            """,
        remediation: """
            aws ecr put-lifecycle-policy --repository-name REPO --lifecycle-policy-text file://lifecycle.json \
            (for example expire untagged images after 14 days and keep the last 50 tagged ones).
            """,
        references: ["prowler:ecr_repositories_lifecycle_policy_enabled", "securityhub:ECR.3", "bpg:image-lifecycle-policies"],
        passing: [.cluster(example(#""response": {"lifecyclePolicyText": "{\"rules\": []}", "repositoryName": "web"}"#))],
        failing: [
            .cluster(example(#""error": "LifecyclePolicyNotFoundException""#), expect: ["ECRRepository/web"]),
            .cluster(example(#""error": "AccessDeniedException""#), status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        facts.eachRepository { repository, aws in
            let ref = repository.ref("lifecyclePolicyText")
            switch aws.perRepository("GetLifecyclePolicy", repository) {
            case .failure(let gap): return .gap(gap, at: ref)
            case .success(let answer):
                guard let text = answer["lifecyclePolicyText"]?.string, !text.isEmpty else {
                    return .fail("\(repository.name): no lifecycle policy", at: ref)
                }
                return .pass("\(repository.name): lifecycle policy of \(text.utf8.count) bytes", at: ref)
            }
        }
    }
}
