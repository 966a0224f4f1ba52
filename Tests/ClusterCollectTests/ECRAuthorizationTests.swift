import AWSClient
import ClusterCollect
import Foundation
import Testing

/// ECR registry credentials: the token's decoding, and the call against moto.
@Suite struct ECRAuthorizationTests {
    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    @Test func tokensDecodeToUserAndPassword() {
        let decoded = ECRAuthorization.decode(token: Self.base64("AWS:eyJwYXlsb2FkIjoi:with:colons"))
        #expect(decoded?.user == "AWS")
        #expect(decoded?.password == "eyJwYXlsb2FkIjoi:with:colons", "only the first colon separates")
        for bad in ["not base64!", Self.base64("no-colon"), Self.base64(":no-user"), Self.base64("no-password:"), ""] {
            #expect(ECRAuthorization.decode(token: bad) == nil, "\(bad)")
        }
    }

    @Test func motoAnswersAToken() async throws {
        let session = try await AWSSession.open(
            environment: MotoScenario.awsEnvironment(), region: "us-east-1", profile: nil,
            endpointURL: MotoScenario.environment("EKSGUARD_MOTO_URL"))
        let credentials = try await ECRAuthorization.credentials(client: session.client)
        #expect(credentials.user == "AWS")
        #expect(!credentials.password.isEmpty)
    }
}
