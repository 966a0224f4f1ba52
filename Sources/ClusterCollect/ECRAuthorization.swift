import AWSClient
import ClusterSnapshot
import Foundation

/// Registry credentials for an ECR private registry: `ecr:GetAuthorizationToken` answers a base64
/// `AWS:password` pair valid for 12 hours, used as HTTP basic auth against the registry.
public enum ECRAuthorization {
    /// The user and password of an authorization token; nil when it is not base64 of `user:password`.
    public static func decode(token: String) -> (user: String, password: String)? {
        guard token.utf8.count <= 64 << 10, let data = Data(base64Encoded: token),
              let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":"),
              colon != text.startIndex, text.index(after: colon) != text.endIndex
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// Asks the AWS layer for a token for the registries of the client's region.
    public static func credentials(client: AWSClient) async throws(AWSError) -> (user: String, password: String) {
        let answer = try await client.call("ecr", "GetAuthorizationToken")
        guard let token = answer["authorizationData"]?.array?.first?["authorizationToken"]?.string,
              let credentials = decode(token: token)
        else {
            throw AWSError(kind: .invalidResponse, code: "InvalidAuthorizationToken",
                           message: "ecr:GetAuthorizationToken answered no token of the form base64(user:password)")
        }
        return credentials
    }
}
