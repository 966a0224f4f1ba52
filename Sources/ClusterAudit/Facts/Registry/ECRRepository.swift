import ClusterSnapshot
import EKSGuardCore

/// A repository of the account's private registry (`ecr:DescribeRepositories → repositories[]`).
package struct ECRRepository: Sendable {
    package var name: String
    package var arn: String?
    package var value: JSONValue

    package var ref: ResourceRef { ResourceRef(kind: "ECRRepository", name: name, arn: arn) }
    package func ref(_ field: String) -> ResourceRef { ref.at(field, nil) }
}

extension AWSFacts {
    /// Every repository (all pages, all calls).
    package var repositories: Fetched<[ECRRepository]> {
        responses("ecr", "DescribeRepositories").flatMap { answers in
            guard !answers.isEmpty else { return .failure(DataGap("the snapshot has no ecr:DescribeRepositories call")) }
            return .success(answers.flatMap { $0.response["repositories"]?.array ?? [] }.compactMap { item in
                item["repositoryName"]?.string.map { ECRRepository(name: $0, arn: item["repositoryArn"]?.string, value: item) }
            })
        }
    }

    /// The answer of a per-repository call (`GetRepositoryPolicy`, `GetLifecyclePolicy`); "none"
    /// answers are empty objects.
    package func perRepository(_ operation: String, _ repository: ECRRepository) -> Fetched<JSONValue> {
        response("ecr", operation, matching: ["repositoryName": .string(repository.name)])
    }

    /// The walk registry checks share: one finding per repository from `judge`, a
    /// not-applicable finding when the registry is empty.
    package func eachRepository(at ref: ResourceRef, _ judge: (ECRRepository, AWSFacts) -> Finding) -> [Finding] {
        var findings: [Finding] = []
        guard let repositories = repositories.value(orReportAt: ref, into: &findings) else { return findings }
        guard !repositories.isEmpty else { return [.notApplicable("the registry has no repositories", at: ref)] }
        return repositories.map { judge($0, self) }
    }
}

extension ClusterFacts {
    /// The registry resource (results about the whole registry).
    package var registryRef: ResourceRef {
        ResourceRef(kind: "ECRRegistry", name: aws.map { "\($0.snapshot.accountID ?? "account") \($0.region)" } ?? "registry")
    }

    /// `eachRepository` with the AWS input required.
    package func eachRepository(_ judge: (ECRRepository, AWSFacts) -> Finding) -> [Finding] {
        var findings: [Finding] = []
        guard let aws = requireAWS.value(orReportAt: registryRef, into: &findings) else { return findings }
        return aws.eachRepository(at: registryRef, judge)
    }
}
