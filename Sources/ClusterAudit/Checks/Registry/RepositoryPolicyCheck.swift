import ClusterSnapshot
import EKSGuardCore
import Foundation
import KubernetesAudit

/// EKS-IMG-009: repository policies do not open the repository to everyone, nor pushes to other accounts.
package struct RepositoryPolicyCheck: ClusterCheck {
    package init() {}

    typealias E = RegistryExamples

    /// Condition keys that bind a public principal to your organisation or accounts.
    static let scopingKeys = ["aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:SourceAccount", "aws:SourceArn", "aws:PrincipalArn", "aws:SourceOrgID"]
    static let pushActions = ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:BatchDeleteImage", "ecr:SetRepositoryPolicy", "ecr:DeleteRepository"]

    static func example(_ policy: String?) -> String {
        let call = policy.map { #"{"call": "ecr:GetRepositoryPolicy", "parameters": {"repositoryName": "web"}, "response": {"policyText": \#($0)}}"# }
            ?? #"{"call": "ecr:GetRepositoryPolicy", "parameters": {"repositoryName": "web"}, "error": "RepositoryPolicyNotFoundException"}"#
        return E.calls(E.describeRepositories(E.repository("web")), call)
    }

    static func statement(_ principal: String, _ actions: String, _ condition: String = "") -> String {
        let text = #"{"Statement": [{"Effect": "Allow", "Principal": \#(principal), "Action": \#(actions)\#(condition)}]}"#
        return "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    package static let metadata = CheckMetadata(
        id: "EKS-IMG-009",
        title: "ECR repository policies are neither public nor open to foreign pushes",
        practice: .imageScanning,
        severity: .critical,
        rationale: """
            A repository policy statement that allows `Principal: "*"` (or `{"AWS": "*"}`, or a \
            NotPrincipal) without a condition on aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount \
            or similar lets anyone pull (and with push actions, replace) your images (critical). Push or \
            delete actions granted to another account's principals let that account change what your \
            cluster runs (high). No policy at all (RepositoryPolicyNotFoundException) is private.
            """,
        remediation: """
            aws ecr set-repository-policy --repository-name REPO --policy-text file://policy.json with the \
            principals named and an aws:PrincipalOrgID condition, or aws ecr delete-repository-policy.
            """,
        references: ["CIS-EKS-1.8.0:5.1.2", "CIS-EKS-1.7.0:5.1.2", "prowler:ecr_repositories_not_publicly_accessible", "checkov:CKV_AWS_32", "trivy:AWS-0032", "kubescape:C-0222"],
        passing: [
            .cluster(example(nil), note: "no policy"),
            .cluster(example(statement(#""*""#, #""ecr:BatchGetImage""#, #", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}"#))),
        ],
        failing: [
            .cluster(example(statement(#"{"AWS": "*"}"#, #"["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]"#)), expect: ["ECRRepository/web"], note: "critical"),
            .cluster(example(statement(#"{"AWS": "arn:aws:iam::444455556666:root"}"#, #""ecr:*""#)), note: "high: foreign push"),
            .cluster(example(#""{not json""#), status: .error),
            .cluster(E.calls(E.describeRepositories(E.repository("web"))), status: .error, note: "policy not collected"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        return facts.eachRepository { repository, aws in
            let account = aws.snapshot.accountID
            let ref = repository.ref("policyText")
            let answer: JSONValue
            switch aws.perRepository("GetRepositoryPolicy", repository) {
            case .failure(let gap): return .gap(gap, at: ref)
            case .success(let value): answer = value
            }
            guard let text = answer["policyText"] else { return .pass("\(repository.name): no repository policy", at: ref) }
            let document: PolicyDocument
            switch PolicyDocument.parse(text, source: "repository policy of \(repository.name)") {
            case .failure(let gap): return .gap(gap, at: ref)
            case .success(let parsed): document = parsed
            }
            var publicStatements: [String] = []
            var foreignPush: [String] = []
            for (index, statement) in document.statements.enumerated() where statement.effect == .allow {
                guard let principal = statement.principal else { continue }
                let scoped = Self.scopingKeys.contains { !statement.conditions(on: $0).isEmpty }
                if principal.isPublic, !scoped {
                    publicStatements.append("\(statement.label(index: index)) allows \(statement.actions.shown) to everyone")
                    continue
                }
                let foreign = principal.values("AWS").filter { arn in
                    let owner = arn.split(separator: ":").count > 4 ? String(arn.split(separator: ":")[3]) : arn
                    return arn != "*" && owner != account
                }
                if !foreign.isEmpty, Self.pushActions.contains(where: statement.allows) {
                    foreignPush.append("\(statement.label(index: index)) lets \(foreign.joined(separator: ", ")) push or delete (\(statement.actions.shown))")
                }
            }
            if !publicStatements.isEmpty {
                return .fail("\(repository.name): \((publicStatements + foreignPush).joined(separator: "; "))", at: ref)
            }
            if !foreignPush.isEmpty { return .fail("\(repository.name): \(foreignPush.joined(separator: "; "))", at: ref, severity: .high) }
            return .pass("\(repository.name): policy with \(document.statements.count) statement(s), none public or granting foreign pushes", at: ref)
        }
    }
}
