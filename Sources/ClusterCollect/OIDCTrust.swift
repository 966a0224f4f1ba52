import AWSClient
import ClusterSnapshot
import Foundation

/// Finds the IAM roles that the cluster's service accounts can assume (IRSA): roles whose trust
/// policy names the cluster's OIDC provider, as `Principal.Federated` or in condition keys.
public enum OIDCTrust {
    /// `oidc.eks.REGION.amazonaws.com/id/ID` from the cluster's `identity.oidc.issuer` URL: the
    /// provider's ARN ends with it and trust conditions start with it.
    public static func providerPath(issuer: String) -> String? {
        var path = Substring(issuer)
        if path.hasPrefix("https://") { path = path.dropFirst("https://".count) }
        while path.hasSuffix("/") { path = path.dropLast() }
        guard path.contains("/"), !path.contains(where: { $0 == " " || $0 == "\"" }) else { return nil }
        return String(path).lowercased()
    }

    /// Whether a trust policy document names the provider. IAM sends documents percent-encoded;
    /// both forms are read. A longer provider ID that merely starts with this one does not count.
    public static func names(_ document: String, providerPath: String) -> Bool {
        for text in Set([document, URIEncoding.decode(document)]) {
            let lowered = text.lowercased()
            var searchFrom = lowered.startIndex
            while let range = lowered.range(of: providerPath, range: searchFrom..<lowered.endIndex) {
                let next = lowered[range.upperBound...].first
                if next.map({ !$0.isLetter && !$0.isNumber }) ?? true { return true }
                searchFrom = range.upperBound
            }
        }
        return false
    }

    /// The ARNs of the `iam:ListRoles` roles whose trust names the provider.
    public static func roles(in listRoles: JSONValue?, providerPath: String) -> [String] {
        (listRoles?["Roles"]?.array ?? []).compactMap { role in
            guard let document = role["AssumeRolePolicyDocument"]?.string, names(document, providerPath: providerPath) else { return nil }
            return role["Arn"]?.string
        }
    }
}
