import Foundation
import Testing

@testable import AWSClient

@Suite struct EndpointTests {
    static func metadata(_ service: String) -> ServiceModel.Metadata { ServiceModels.all[service]!.metadata }

    @Test(arguments: [
        ("eks", "us-east-1", "eks.us-east-1.amazonaws.com", "us-east-1"),
        ("ecr", "eu-west-3", "api.ecr.eu-west-3.amazonaws.com", "eu-west-3"),
        ("elbv2", "ap-southeast-2", "elasticloadbalancing.ap-southeast-2.amazonaws.com", "ap-southeast-2"),
        ("eks", "cn-north-1", "eks.cn-north-1.amazonaws.com.cn", "cn-north-1"),
        ("eks", "us-gov-west-1", "eks.us-gov-west-1.amazonaws.com", "us-gov-west-1"),
        ("ec2", "us-iso-east-1", "ec2.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"),
        ("ec2", "us-isob-east-1", "ec2.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"),
        ("iam", "eu-central-1", "iam.amazonaws.com", "us-east-1"),
        ("iam", "cn-northwest-1", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1"),
        ("iam", "us-gov-east-1", "iam.us-gov.amazonaws.com", "us-gov-west-1"),
        ("sts", "eu-west-1", "sts.eu-west-1.amazonaws.com", "eu-west-1"),
    ])
    func standardEndpoints(_ service: String, _ region: String, _ host: String, _ signingRegion: String) throws {
        let endpoint = try EndpointResolver(region: region, environment: [:]).endpoint(service: Self.metadata(service))
        #expect(endpoint.url == "https://\(host)")
        #expect(endpoint.signingRegion == signingRegion)
    }

    @Test func fipsAndDualStackOnlyWhenAskedFor() throws {
        let fips = try EndpointResolver(region: "us-east-1", environment: ["AWS_USE_FIPS_ENDPOINT": "true"])
            .endpoint(service: Self.metadata("eks"))
        #expect(fips.authority == "eks-fips.us-east-1.amazonaws.com")
        let dual = try EndpointResolver(region: "us-east-1", environment: ["AWS_USE_DUALSTACK_ENDPOINT": "true"])
            .endpoint(service: Self.metadata("ec2"))
        #expect(dual.authority == "ec2.us-east-1.api.aws")
    }

    @Test func configuredEndpointsInTheCLIOrder() throws {
        let environment = [
            "AWS_ENDPOINT_URL": "http://general:4566",
            "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": "http://logs.local:1/base",
            "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2": "https://elb.local",
        ]
        let resolver = EndpointResolver(region: "eu-west-3", environment: environment)
        #expect(try resolver.endpoint(service: Self.metadata("logs")).url == "http://logs.local:1/base")
        #expect(try resolver.endpoint(service: Self.metadata("elbv2")).url == "https://elb.local")
        #expect(try resolver.endpoint(service: Self.metadata("eks")).url == "http://general:4566")
        let explicit = EndpointResolver(region: "eu-west-3", endpointURL: "http://127.0.0.1:5000", environment: environment)
        #expect(try explicit.endpoint(service: Self.metadata("logs")).url == "http://127.0.0.1:5000")
        var ignoring = environment
        ignoring["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true"
        let ignored = EndpointResolver(region: "eu-west-3", environment: ignoring)
        #expect(try ignored.endpoint(service: Self.metadata("eks")).url == "https://eks.eu-west-3.amazonaws.com")
    }

    @Test(arguments: ["", "us-east-1.evil.com/x", "US-EAST-1", "us east 1"])
    func hostileRegionsAreRefused(_ region: String) {
        #expect(throws: AWSError.self) { try EndpointResolver(region: region, environment: [:]).endpoint(service: Self.metadata("eks")) }
    }

    @Test func badEndpointURLsAreRefused() {
        #expect(throws: AWSError.self) {
            try EndpointResolver(region: "us-east-1", endpointURL: "ftp://x", environment: [:]).endpoint(service: Self.metadata("eks"))
        }
    }
}
