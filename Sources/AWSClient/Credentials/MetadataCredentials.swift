import ClusterSnapshot
import Foundation

/// Links 7 and 8 of the chain: the container credentials endpoint (ECS task roles, EKS Pod
/// Identity) and the EC2 instance metadata service with an IMDSv2 session token.
extension CredentialChain {
    func containerCredentials() async throws(AWSError) -> AWSCredentials? {
        let url: String
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            url = "http://169.254.170.2" + relative
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty {
            url = full
        } else {
            return nil
        }
        guard var request = AWSHTTPRequest(method: "GET", url: url) else {
            throw AWSError(kind: .credentials, code: "InvalidConfig", message: "container credentials URI is not an http(s) URL")
        }
        guard request.scheme == "https" || Self.isAllowedContainerHost(request.hostHeader) else {
            throw AWSError(kind: .credentials, code: "InvalidConfig",
                           message: "container credentials over plain http must go to loopback or the container endpoint, not \(request.hostHeader)")
        }
        if let tokenFile = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !tokenFile.isEmpty {
            guard let data = FileManager.default.contents(atPath: tokenFile), data.count <= 16 << 10 else {
                throw AWSError(kind: .credentials, code: "InvalidConfig", message: "cannot read the container authorization token file \(tokenFile)")
            }
            request.headers.append(("Authorization", String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        } else if let token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !token.isEmpty {
            request.headers.append(("Authorization", token))
        }
        let body = try await fetch(request, what: "container credentials endpoint", timeout: .seconds(5))
        return try Self.credentials(fromJSON: body, tokenKey: "Token", source: "container credentials")
    }

    static func isAllowedContainerHost(_ host: String) -> Bool {
        let bare = host.split(separator: ":").first.map(String.init) ?? host
        if host.hasPrefix("[") { return host.hasPrefix("[::1]") || host.hasPrefix("[fd00:ec2::23]") }
        return bare == "localhost" || bare.hasPrefix("127.") || bare == "169.254.170.2" || bare == "169.254.170.23"
    }

    func instanceMetadataCredentials() async throws(AWSError) -> AWSCredentials? {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
        let base = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
            ?? "http://169.254.169.254"
        let timeout = Duration.seconds(environment["AWS_METADATA_SERVICE_TIMEOUT"].flatMap(Int.init) ?? 1)
        guard var tokenRequest = AWSHTTPRequest(method: "PUT", url: base + "/latest/api/token") else {
            throw AWSError(kind: .credentials, code: "InvalidConfig", message: "AWS_EC2_METADATA_SERVICE_ENDPOINT is not an http(s) URL")
        }
        tokenRequest.headers = [("X-aws-ec2-metadata-token-ttl-seconds", "21600")]
        // No metadata service (not on EC2) is the normal end of the chain, not an error.
        guard let token = try? await fetch(tokenRequest, what: "instance metadata", timeout: timeout) else { return nil }
        let header = ("X-aws-ec2-metadata-token", String(decoding: token, as: UTF8.self))
        let listURL = base + "/latest/meta-data/iam/security-credentials/"
        guard let listRequest = AWSHTTPRequest(method: "GET", url: listURL, headers: [header]) else { return nil }
        let roles = String(decoding: try await fetch(listRequest, what: "instance metadata", timeout: timeout), as: UTF8.self)
        guard let role = roles.split(whereSeparator: \.isNewline).first.map(String.init), !role.isEmpty else {
            throw AWSError(kind: .credentials, code: "NoCredentials", message: "the instance has no IAM role attached")
        }
        guard let roleRequest = AWSHTTPRequest(method: "GET", url: listURL + URIEncoding.encode(role), headers: [header]) else { return nil }
        let body = try await fetch(roleRequest, what: "instance metadata", timeout: timeout)
        return try Self.credentials(fromJSON: body, tokenKey: "Token", source: "instance metadata (IMDSv2, role \(role))")
    }

    private func fetch(_ request: AWSHTTPRequest, what: String, timeout: Duration) async throws(AWSError) -> Data {
        let response: HTTPResponseParts
        do {
            response = try await transport.send(request, timeout: timeout)
        } catch {
            throw AWSError(kind: .credentials, code: error.code, message: "\(what): \(error.message)")
        }
        guard (200..<300).contains(response.status) else {
            throw AWSError(kind: .credentials, code: "HTTP\(response.status)", message: "\(what) answered HTTP \(response.status)",
                           httpStatus: response.status)
        }
        return response.body
    }

    static func credentials(fromJSON body: Data, tokenKey: String, source: String) throws(AWSError) -> AWSCredentials {
        guard let json = JSONValue.parse(body), let key = json["AccessKeyId"]?.string,
              let secret = json["SecretAccessKey"]?.string
        else {
            throw AWSError(kind: .credentials, code: "InvalidResponse", message: "\(source): the answer holds no credentials")
        }
        return AWSCredentials(
            accessKeyID: key, secretAccessKey: secret, sessionToken: json[tokenKey]?.string,
            expiration: json["Expiration"]?.string.flatMap(ISODate.parse), source: source
        )
    }
}
