import Foundation

/// A bearer token for the Kubernetes API of an EKS cluster, as `aws eks get-token` makes it:
/// "k8s-aws-v1." followed by the unpadded base64url form of a presigned STS GetCallerIdentity
/// URL that signs the `x-k8s-aws-id` header (the cluster name), valid for 60 seconds of clock
/// skew; the API server accepts it for 15 minutes, so it is reported as expiring after 14.
public struct EKSToken: Sendable, CustomStringConvertible {
    public var token: String
    public var expiration: Date

    public var description: String { "EKS token (expires \(ISO8601DateFormatter().string(from: expiration)))" }

    public static func make(
        clusterName: String, credentials: AWSCredentials, endpoint: Endpoint, date: Date = Date()
    ) -> EKSToken {
        let request = AWSHTTPRequest(
            method: "GET", scheme: endpoint.scheme, authority: endpoint.authority,
            path: endpoint.basePath.isEmpty ? "/" : endpoint.basePath,
            query: [.init("Action", "GetCallerIdentity"), .init("Version", "2011-06-15")],
            headers: [("x-k8s-aws-id", clusterName)]
        )
        let signer = SigV4Signer(credentials: credentials, region: endpoint.signingRegion, service: "sts")
        let url = signer.presign(request, date: date, expires: 60).request.url
        let encoded = Data(url.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return EKSToken(token: "k8s-aws-v1." + encoded, expiration: date.addingTimeInterval(14 * 60))
    }

    /// The ExecCredential document kubectl reads, the same shape as `aws eks get-token` prints.
    public var execCredentialJSON: String {
        let formatter = ISO8601DateFormatter()
        return """
            {"kind": "ExecCredential", "apiVersion": "client.authentication.k8s.io/v1beta1", "spec": {}, \
            "status": {"expirationTimestamp": "\(formatter.string(from: expiration))", "token": "\(token)"}}
            """
    }
}
