import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IAM-001: IRSA needs an IAM OIDC provider for the cluster's issuer that accepts the
/// `sts.amazonaws.com` audience; without it pods fall back to the node role.
package struct OIDCProviderCheck: ClusterCheck {
    package init() {}

    typealias X = IdentityExamples

    static let providerCalls = #"{"call": "iam:ListOpenIDConnectProviders", "response": {"OpenIDConnectProviderList": [{"Arn": "\#(X.provider)"}]}}"#

    static func describe(clientIDs: String) -> String {
        #"{"call": "iam:GetOpenIDConnectProvider", "parameters": {"OpenIDConnectProviderArn": "\#(X.provider)"}, "response": {"Url": "\#(X.hostPath)", "ClientIDList": \#(clientIDs)}}"#
    }

    static let serviceAccounts = #""kubernetes": [\#(X.serviceAccount("apps", "app", role: "app"))]"#

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-001",
        title: "An IAM OIDC provider exists for the cluster while IRSA is used",
        practice: .podIdentity,
        severity: .medium,
        rationale: """
            Service accounts annotated with `eks.amazonaws.com/role-arn` only get their role when an IAM \
            OIDC provider for `cluster.identity.oidc.issuer` exists and its `ClientIDList` contains \
            `sts.amazonaws.com`; otherwise the SDKs in the pod silently fall back to the node role, \
            which is usually broader.
            """,
        remediation: """
            eksctl utils associate-iam-oidc-provider --cluster CLUSTER --approve, or aws iam create-open-id-connect-provider \
            --url ISSUER --client-id-list sts.amazonaws.com.
            """,
        references: ["CIS-EKS-1.8.0:5.2.1", "CIS-EKS-1.7.0:5.2.1", "kubescape:C-0225", "bpg:iam-irsa"],
        passing: [
            .cluster(#"{\#(X.cluster), "calls": [\#(providerCalls), \#(describe(clientIDs: #"["sts.amazonaws.com"]"#))], \#(serviceAccounts)}"#),
            .cluster(#"{\#(X.cluster), "kubernetes": []}"#, note: "no service account uses IRSA: not applicable"),
        ],
        failing: [
            .cluster(
                #"{\#(X.cluster), "calls": [{"call": "iam:ListOpenIDConnectProviders", "response": {"OpenIDConnectProviderList": []}}], \#(serviceAccounts)}"#,
                expect: ["cluster.identity.oidc.issuer"]),
            .cluster(#"{\#(X.cluster), "calls": [\#(providerCalls), \#(describe(clientIDs: #"["other"]"#))], \#(serviceAccounts)}"#),
            .cluster(#"{"cluster": {"name": "prod"}, \#(serviceAccounts)}"#, note: "the cluster has no issuer at all"),
            .cluster(
                #"{\#(X.cluster), "calls": [{"call": "iam:ListOpenIDConnectProviders", "error": "AccessDenied"}], \#(serviceAccounts)}"#,
                status: .error),
            .cluster(#"{\#(X.cluster)}"#, status: .error, note: "no Kubernetes input"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        let ref = facts.resource.at("cluster.identity.oidc.issuer", nil)
        var findings: [Finding] = []
        guard let accounts = facts.requireKubernetes.flatMap(\.annotatedServiceAccounts).value(orReportAt: ref, into: &findings),
              let aws = facts.requireAWS.value(orReportAt: ref, into: &findings),
              let issuer = aws.issuer.value(orReportAt: ref, into: &findings)
        else { return findings }
        guard !accounts.isEmpty else {
            return [.notApplicable("no service account has an \(AnnotatedServiceAccount.annotation) annotation", at: ref)]
        }
        let users = "\(accounts.count) annotated service account(s), e.g. \(accounts[0].qualifiedName)"
        guard let issuer else {
            return [.fail("the cluster has no OIDC issuer, yet \(users) expect IRSA", at: ref)]
        }
        guard let providers = aws.oidcProviders.value(orReportAt: ref, into: &findings) else { return findings }
        let matching = providers.filter { issuer.isNamed(by: $0.arn) }
        guard let provider = matching.first else {
            return [.fail(
                "no IAM OIDC provider for \(issuer.hostPath) among \(providers.count) provider(s), yet \(users) expect IRSA", at: ref)]
        }
        guard matching.contains(where: { $0.clientIDs.contains("sts.amazonaws.com") }) else {
            return [.fail(
                "provider \(provider.arn) has ClientIDList [\(provider.clientIDs.joined(separator: ", "))] without sts.amazonaws.com; \(users) cannot assume roles",
                at: ref)]
        }
        return [.pass("provider \(provider.arn) matches \(issuer.hostPath) with audience sts.amazonaws.com (\(users))", at: ref)]
    }
}
