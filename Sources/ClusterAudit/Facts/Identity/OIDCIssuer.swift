import ClusterSnapshot
import EKSGuardCore
import Foundation

/// The cluster's OIDC issuer (`cluster.identity.oidc.issuer`) and the names IAM gives it: the
/// provider ARN `arn:aws:iam::<account>:oidc-provider/<host/path>` and the condition key prefix
/// `<host/path>:` of `:sub` and `:aud`.
package struct OIDCIssuer: Sendable, Equatable {
    package var url: String
    /// `oidc.eks.us-east-1.amazonaws.com/id/ABC`: the issuer without its scheme.
    package var hostPath: String

    package init?(url: String) {
        guard url.hasPrefix("https://") else { return nil }
        self.url = url
        var rest = url.dropFirst("https://".count)
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.isEmpty else { return nil }
        hostPath = String(rest)
    }

    package var subKey: String { hostPath + ":sub" }
    package var audKey: String { hostPath + ":aud" }

    /// Whether a `Principal.Federated` value or provider ARN names this issuer (a wildcard in the
    /// value counts when it covers the issuer).
    package func isNamed(by federated: String) -> Bool {
        guard let slash = federated.range(of: ":oidc-provider/") else { return false }
        let pattern = String(federated[slash.upperBound...])
        return Glob(pattern).matches(hostPath)
    }

    /// Whether a provider ARN (or `Principal.Federated` value) names any OIDC provider.
    package static func isProvider(_ federated: String) -> Bool {
        federated.contains(":oidc-provider/")
    }
}

/// An IAM OIDC identity provider (`iam:GetOpenIDConnectProvider`).
package struct OIDCProvider: Sendable {
    package var arn: String
    package var url: String
    package var clientIDs: [String]
}

extension AWSFacts {
    /// The cluster's issuer, or nil when the cluster has none (an answer, not a gap).
    package var issuer: Fetched<OIDCIssuer?> {
        cluster.flatMap { cluster in
            guard let url = cluster[path: "identity.oidc.issuer"]?.string else { return .success(nil) }
            guard let issuer = OIDCIssuer(url: url) else { return .failure(DataGap("cluster.identity.oidc.issuer \"\(url)\" is not an https URL")) }
            return .success(issuer)
        }
    }

    /// Every OIDC provider of the account, described.
    package var oidcProviders: Fetched<[OIDCProvider]> {
        response("iam", "ListOpenIDConnectProviders").flatMap { listed in
            var providers: [OIDCProvider] = []
            for arn in (listed["OpenIDConnectProviderList"]?.array ?? []).compactMap({ $0["Arn"]?.string }) {
                switch response("iam", "GetOpenIDConnectProvider", matching: ["OpenIDConnectProviderArn": .string(arn)]) {
                case .failure(let gap): return .failure(gap)
                case .success(let provider):
                    providers.append(OIDCProvider(
                        arn: arn, url: provider["Url"]?.string ?? "", clientIDs: provider["ClientIDList"]?.array?.compactMap(\.string) ?? []))
                }
            }
            return .success(providers)
        }
    }
}
