import ClusterSnapshot
import Foundation
import Testing

@testable import AWSClient

/// Requests signed by botocore (GenerateSigV4Vectors.py) and signed again here: every canonical
/// request, string to sign, signature, Authorization header and presigned URL must be identical.
/// EKSGUARD_SIGV4_VECTORS names another vector file, e.g. one generated with a fresh seed.
struct SigV4VectorTests {
    struct Vector: Decodable, Sendable, CustomTestStringConvertible {
        var id: Int
        var mode: String
        var method: String
        var url: String
        var params: [[String]]
        var headers: [[String]]
        var body: String
        var service: String
        var region: String
        var accessKey: String
        var secretKey: String
        var sessionToken: String?
        var timestamp: String
        var expires: Int?
        var canonicalRequest: String
        var stringToSign: String
        var signature: String
        var authorization: String?
        var presignedURL: String?

        var testDescription: String { "vector \(id) (\(mode) \(method) \(url))" }
    }

    struct TokenVector: Decodable, Sendable, CustomTestStringConvertible {
        var id: Int
        var region: String
        var cluster: String
        var accessKey: String
        var secretKey: String
        var sessionToken: String?
        var timestamp: String
        var token: String

        var testDescription: String { "token \(id) (\(cluster) in \(region))" }
    }

    struct VectorFile: Decodable {
        var vectors: [Vector]
        var eksTokens: [TokenVector]
    }

    static let file: VectorFile = {
        let url = ProcessInfo.processInfo.environment["EKSGUARD_SIGV4_VECTORS"].map(URL.init(fileURLWithPath:))
            ?? Bundle.module.url(forResource: "Vectors/sigv4", withExtension: "json")!
        let data = try! Data(contentsOf: url)
        return try! JSONDecoder().decode(VectorFile.self, from: data)
    }()

    static let vectors = file.vectors
    static let tokens = file.eksTokens

    static func date(_ stamp: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.date(from: stamp)!
    }

    @Test func thereAreHundredsOfVectorsInEveryMode() {
        #expect(Self.vectors.count >= 200)
        #expect(Set(Self.vectors.map(\.mode)) == ["header", "unsigned", "streaming", "presign"])
    }

    @Test(arguments: vectors)
    func matchesBotocore(_ vector: Vector) throws {
        var request = try #require(AWSHTTPRequest(
            method: vector.method, url: vector.url, headers: vector.headers.map { ($0[0], $0[1]) },
            body: Data(vector.body.utf8)
        ))
        request.query = vector.params.map { .init($0[0], $0[1]) }
        let signer = SigV4Signer(
            credentials: AWSCredentials(
                accessKeyID: vector.accessKey, secretAccessKey: vector.secretKey, sessionToken: vector.sessionToken,
                source: "test vector"
            ),
            region: vector.region, service: vector.service
        )
        let date = Self.date(vector.timestamp)
        let result: SigV4Signer.Result
        switch vector.mode {
        case "presign": result = signer.presign(request, date: date, expires: vector.expires ?? 0)
        case "unsigned": result = signer.sign(request, date: date, payload: .unsigned)
        case "streaming": result = signer.sign(request, date: date, payload: .streamingUnsignedTrailer)
        default: result = signer.sign(request, date: date)
        }
        #expect(result.canonicalRequest == vector.canonicalRequest)
        #expect(result.stringToSign == vector.stringToSign)
        #expect(result.signature == vector.signature)
        if let presigned = vector.presignedURL {
            #expect(result.request.url == presigned)
        } else {
            #expect(result.request.header("Authorization") == vector.authorization)
        }
    }

    @Test(arguments: tokens)
    func eksTokensMatchTheAWSCLI(_ vector: TokenVector) throws {
        let credentials = AWSCredentials(
            accessKeyID: vector.accessKey, secretAccessKey: vector.secretKey, sessionToken: vector.sessionToken, source: "test vector"
        )
        let endpoint = try EndpointResolver(region: vector.region, environment: [:]).endpoint(service: ServiceModels.all["sts"]!.metadata)
        let token = EKSToken.make(clusterName: vector.cluster, credentials: credentials, endpoint: endpoint, date: Self.date(vector.timestamp))
        #expect(token.token == vector.token)
        #expect(token.expiration == Self.date(vector.timestamp).addingTimeInterval(14 * 60))
        #expect(!token.description.contains(token.token))
        let exec = try #require(JSONValue.parse(Data(token.execCredentialJSON.utf8)))
        #expect(exec["kind"] == "ExecCredential" && exec["apiVersion"] == "client.authentication.k8s.io/v1beta1")
        #expect(exec[path: "status.token"] == .string(token.token))
    }
}
