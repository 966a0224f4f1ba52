import AWSClient
import ClusterSnapshot
import Testing

@testable import ClusterCollect

/// The pure pieces behind the Kubernetes-derived inputs: ECR references, OIDC trust, and which
/// inputs this account and region can answer for.
@Suite struct CollectInputsTests {
    static let digest = "sha256:" + String(repeating: "ab", count: 32)

    struct Reference: Sendable, CustomTestStringConvertible {
        var text: String
        var expected: (account: String, region: String, repository: String, tag: String?, digest: String?)?
        var testDescription: String { text }
    }

    static let references: [Reference] = [
        Reference(text: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1.2",
                  expected: ("111122223333", "eu-west-1", "app", "1.2", nil)),
        Reference(text: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/web-app@\(digest)",
                  expected: ("111122223333", "eu-west-1", "team/web-app", nil, digest)),
        Reference(text: "111122223333.dkr.ecr.us-east-1.amazonaws.com/a.b_c/d-e:v_1.0-rc@\(digest)",
                  expected: ("111122223333", "us-east-1", "a.b_c/d-e", "v_1.0-rc", digest)),
        Reference(text: "docker-pullable://111122223333.dkr.ecr.us-east-1.amazonaws.com/app@\(digest)",
                  expected: ("111122223333", "us-east-1", "app", nil, digest)),
        Reference(text: "111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/app:latest",
                  expected: ("111122223333", "cn-north-1", "app", "latest", nil)),
        Reference(text: "111122223333.dkr.ecr.us-east-1.amazonaws.com/app", expected: ("111122223333", "us-east-1", "app", nil, nil)),
        // Not an ECR private registry, or malformed.
        Reference(text: "nginx:1.25", expected: nil),
        Reference(text: "public.ecr.aws/eks/aws-load-balancer-controller:v2.7.0", expected: nil),
        Reference(text: "602401143452.dkr.ecr.us-east-1.amazonaws.com.evil.example/app:1", expected: nil),
        Reference(text: "11112222333.dkr.ecr.us-east-1.amazonaws.com/app:1", expected: nil),
        Reference(text: "111122223333.dkr.ecr.US-EAST-1.amazonaws.com/app:1", expected: nil),
        Reference(text: "111122223333.dkr.ecr.us-east-1.amazonaws.com/App:1", expected: nil),
        Reference(text: "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1@sha256:abc", expected: nil),
        Reference(text: "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:-bad", expected: nil),
        Reference(text: "111122223333.dkr.ecr.us-east-1.amazonaws.com/a//b:1", expected: nil),
        Reference(text: "111122223333.dkr.ecr.us-east-1.amazonaws.com/a..b:1", expected: nil),
        Reference(text: "111122223333.dkr.ecr.us-east-1.amazonaws.com:443/app:1", expected: nil),
        Reference(text: "111122223333.dkr.ecr.us-east-1.amazonaws.com/" + String(repeating: "a", count: 2000), expected: nil),
    ]

    @Test(arguments: references) func ecrReferencesAreParsed(_ reference: Reference) {
        let parsed = ECRImageReference.parse(reference.text)
        guard let expected = reference.expected else {
            #expect(parsed == nil)
            return
        }
        #expect(parsed?.account == expected.account)
        #expect(parsed?.region == expected.region)
        #expect(parsed?.repository == expected.repository)
        #expect(parsed?.tag == expected.tag)
        #expect(parsed?.digest == expected.digest)
        #expect(parsed?.reference == reference.text)
    }

    static let issuer = "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"
    static let provider = "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"

    static func trust(_ providerPath: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/\#(providerPath)"},"Condition":{"StringEquals":{"\#(providerPath):sub":"system:serviceaccount:default:app"}}}]}"#
    }

    @Test func providerPathComesFromTheIssuer() {
        #expect(OIDCTrust.providerPath(issuer: Self.issuer) == Self.provider.lowercased())
        #expect(OIDCTrust.providerPath(issuer: Self.issuer + "/") == Self.provider.lowercased())
        #expect(OIDCTrust.providerPath(issuer: "not a url") == nil)
    }

    @Test func rolesTrustingTheProviderAreKeptEncodedOrNot() throws {
        let provider = try #require(OIDCTrust.providerPath(issuer: Self.issuer))
        let encoded = URIEncoding.encode(Self.trust(Self.provider))
        let roles: JSONValue = ["Roles": [
            ["Arn": "arn:aws:iam::111122223333:role/decoded", "AssumeRolePolicyDocument": .string(Self.trust(Self.provider))],
            ["Arn": "arn:aws:iam::111122223333:role/encoded", "AssumeRolePolicyDocument": .string(encoded)],
            ["Arn": "arn:aws:iam::111122223333:role/longer-id", "AssumeRolePolicyDocument": .string(Self.trust(Self.provider + "0"))],
            ["Arn": "arn:aws:iam::111122223333:role/other-cluster",
             "AssumeRolePolicyDocument": .string(Self.trust("oidc.eks.eu-west-1.amazonaws.com/id/FFFF"))],
            ["Arn": "arn:aws:iam::111122223333:role/service",
             "AssumeRolePolicyDocument": #"{"Statement":[{"Principal":{"Service":"eks.amazonaws.com"}}]}"#],
            ["Arn": "arn:aws:iam::111122223333:role/no-document"],
        ]]
        #expect(encoded.contains("%22"), "the fixture must really be percent-encoded")
        #expect(OIDCTrust.roles(in: roles, providerPath: provider) == [
            "arn:aws:iam::111122223333:role/decoded", "arn:aws:iam::111122223333:role/encoded",
        ])
        #expect(OIDCTrust.roles(in: nil, providerPath: provider).isEmpty)
    }

    @Test func inputsOfOtherAccountsAndRegionsAreSkippedWithTheReason() throws {
        let local = try #require(ECRImageReference.parse("111122223333.dkr.ecr.eu-west-1.amazonaws.com/app@\(Self.digest)"))
        let otherAccount = try #require(ECRImageReference.parse("999988887777.dkr.ecr.eu-west-1.amazonaws.com/app@\(Self.digest)"))
        let otherRegion = try #require(ECRImageReference.parse("111122223333.dkr.ecr.us-east-1.amazonaws.com/app@\(Self.digest)"))
        let tagOnly = try #require(ECRImageReference.parse("111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1"))
        let inputs = CollectInputs(
            roleARNs: ["arn:aws:iam::111122223333:role/path/app", "arn:aws:iam::999988887777:role/app", "not-an-arn"],
            images: [local, otherAccount, otherRegion, tagOnly])
        let given = inputs.partition(account: "111122223333", region: "eu-west-1")
        #expect(given.roleARNs == ["arn:aws:iam::111122223333:role/path/app"])
        #expect(given.images == [local])
        let reasons = Dictionary(uniqueKeysWithValues: given.skipped.map { ($0.input, $0.reason) })
        #expect(reasons["arn:aws:iam::999988887777:role/app"] == "role of account 999988887777, collected from account 111122223333")
        #expect(reasons["not-an-arn"] == "not an IAM role ARN")
        #expect(reasons[otherAccount.reference]?.contains("registry of account 999988887777 in eu-west-1") == true)
        #expect(reasons[otherRegion.reference]?.contains("in us-east-1, collected from account 111122223333 in eu-west-1") == true)
        #expect(reasons[tagOnly.reference]?.hasPrefix("no digest") == true)
        #expect(given.skipped.count == 5)

        let unknown = inputs.partition(account: nil, region: "eu-west-1")
        #expect(unknown.roleARNs.isEmpty && unknown.images.isEmpty)
        #expect(unknown.skipped.filter { $0.reason.contains("sts:GetCallerIdentity failed") }.count == 6)
    }

    @Test func architecturesAndReleaseParameters() {
        #expect(ClusterCollector.architecture(amiType: "AL2023_ARM_64_STANDARD") == "arm64")
        #expect(ClusterCollector.architecture(amiType: "BOTTLEROCKET_x86_64_NVIDIA") == "x86_64")
        #expect(ClusterCollector.architecture(amiType: "AL2_x86_64") == "x86_64")
        #expect(ClusterCollector.architecture(amiType: "WINDOWS_CORE_2022_x86_64") == nil)
        #expect(ClusterCollector.architecture(amiType: "CUSTOM") == nil)
        #expect(ClusterCollector.releaseParameters(kubernetes: "1.31", architecture: "arm64") == [
            "/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/arm64/standard/recommended/release_version",
            "/aws/service/bottlerocket/aws-k8s-1.31/arm64/latest/image_version",
        ])
    }

    @Test func latestPushedImageIsTheNewest() {
        let images: [JSONValue] = [
            ["imageDigest": "sha256:old", "imagePushedAt": 1_700_000_000],
            ["imageDigest": "sha256:new", "imagePushedAt": 1_800_000_000],
            ["imagePushedAt": 1_900_000_000],
        ]
        #expect(ClusterCollector.latestPushed(images) == "sha256:new")
        #expect(ClusterCollector.latestPushed([]) == nil)
    }
}
