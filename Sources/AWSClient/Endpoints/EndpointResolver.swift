import Foundation

/// Where a service's requests go, and the region they are signed for.
public struct Endpoint: Sendable, Equatable {
    public var scheme: String
    /// host[:port]
    public var authority: String
    /// A path prefix from a custom endpoint URL (`http://proxy/aws`), else empty.
    public var basePath: String
    public var signingRegion: String

    /// Parses an endpoint URL given on the command line or in the environment.
    public init?(url: String, signingRegion: String) {
        guard let request = AWSHTTPRequest(method: "GET", url: url), request.query.isEmpty else { return nil }
        scheme = request.scheme
        authority = request.authority
        basePath = request.path == "/" ? "" : request.path
        self.signingRegion = signingRegion
    }

    public init(scheme: String, authority: String, basePath: String = "", signingRegion: String) {
        self.scheme = scheme
        self.authority = authority
        self.basePath = basePath
        self.signingRegion = signingRegion
    }

    public var url: String { "\(scheme)://\(authority)\(basePath)" }
}

/// The AWS partitions and how their host names are formed.
public struct Partition: Sendable, Equatable {
    public var name: String
    public var dnsSuffix: String
    public var dualStackSuffix: String

    public static let all: [(prefix: String, partition: Partition)] = [
        ("cn-", Partition(name: "aws-cn", dnsSuffix: "amazonaws.com.cn", dualStackSuffix: "api.amazonwebservices.com.cn")),
        ("us-gov-", Partition(name: "aws-us-gov", dnsSuffix: "amazonaws.com", dualStackSuffix: "api.aws")),
        ("us-isob-", Partition(name: "aws-iso-b", dnsSuffix: "sc2s.sgov.gov", dualStackSuffix: "sc2s.sgov.gov")),
        ("us-isof-", Partition(name: "aws-iso-f", dnsSuffix: "csp.hci.ic.gov", dualStackSuffix: "csp.hci.ic.gov")),
        ("us-iso-", Partition(name: "aws-iso", dnsSuffix: "c2s.ic.gov", dualStackSuffix: "c2s.ic.gov")),
        ("eu-isoe-", Partition(name: "aws-iso-e", dnsSuffix: "cloud.adc-e.uk", dualStackSuffix: "cloud.adc-e.uk")),
        ("eusc-", Partition(name: "aws-eusc", dnsSuffix: "amazonaws.eu", dualStackSuffix: "amazonaws.eu")),
    ]

    public static let standard = Partition(name: "aws", dnsSuffix: "amazonaws.com", dualStackSuffix: "api.aws")

    public static func of(region: String) -> Partition {
        all.first { region.hasPrefix($0.prefix) }?.partition ?? standard
    }
}

/// Resolves a service's endpoint the way the AWS CLI does: an explicit `--endpoint-url` first,
/// then `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL` (both ignored when
/// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`), then the partition's standard host. FIPS and
/// dual-stack hosts are used only when `AWS_USE_FIPS_ENDPOINT` / `AWS_USE_DUALSTACK_ENDPOINT` say so.
public struct EndpointResolver: Sendable {
    public var region: String
    public var endpointURL: String?
    public var environment: [String: String]

    public init(region: String, endpointURL: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.region = region
        self.endpointURL = endpointURL
        self.environment = environment
    }

    /// `serviceID` is botocore's serviceId ("EKS", "CloudWatch Logs", "Elastic Load Balancing v2").
    public func endpoint(service model: ServiceModel.Metadata) throws(AWSError) -> Endpoint {
        let signingRegion = globalSigningRegion(model) ?? region
        if let configured = configuredURL(serviceID: model.serviceId) {
            guard let endpoint = Endpoint(url: configured, signingRegion: signingRegion) else {
                throw AWSError(kind: .invalidRequest, code: "InvalidEndpoint", message: "not an http(s) URL: \(configured)")
            }
            return endpoint
        }
        guard Self.isValidRegion(region) else {
            throw AWSError(kind: .invalidRequest, code: "InvalidRegion", message: "not a region name: \(region)")
        }
        let partition = Partition.of(region: region)
        let fips = flag("AWS_USE_FIPS_ENDPOINT")
        let dualStack = flag("AWS_USE_DUALSTACK_ENDPOINT")
        if let global = globalHost(model, partition), !fips, !dualStack {
            return Endpoint(scheme: "https", authority: global, signingRegion: signingRegion)
        }
        let prefix = model.endpointPrefix + (fips ? "-fips" : "")
        let suffix = dualStack ? partition.dualStackSuffix : partition.dnsSuffix
        return Endpoint(scheme: "https", authority: "\(prefix).\(region).\(suffix)", signingRegion: signingRegion)
    }

    /// The per-service variable name: serviceId upper-cased, spaces and dashes as underscores.
    public static func environmentName(serviceID: String) -> String {
        "AWS_ENDPOINT_URL_" + serviceID.uppercased().map { $0 == " " || $0 == "-" ? "_" : String($0) }.joined()
    }

    private func configuredURL(serviceID: String) -> String? {
        if let endpointURL, !endpointURL.isEmpty { return endpointURL }
        if flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") { return nil }
        if let specific = environment[Self.environmentName(serviceID: serviceID)], !specific.isEmpty { return specific }
        if let general = environment["AWS_ENDPOINT_URL"], !general.isEmpty { return general }
        return nil
    }

    private func flag(_ name: String) -> Bool { environment[name]?.lowercased() == "true" }

    /// IAM is global: one endpoint per partition, signed for the partition's first region.
    private func globalSigningRegion(_ model: ServiceModel.Metadata) -> String? {
        guard model.endpointPrefix == "iam" else { return nil }
        switch Partition.of(region: region).name {
        case "aws": return "us-east-1"
        case "aws-cn": return "cn-north-1"
        case "aws-us-gov": return "us-gov-west-1"
        default: return nil
        }
    }

    private func globalHost(_ model: ServiceModel.Metadata, _ partition: Partition) -> String? {
        guard model.endpointPrefix == "iam" else { return nil }
        switch partition.name {
        case "aws": return "iam.amazonaws.com"
        case "aws-cn": return "iam.cn-north-1.amazonaws.com.cn"
        case "aws-us-gov": return "iam.us-gov.amazonaws.com"
        default: return nil
        }
    }

    /// Region names are lower-case letters, digits and dashes; anything else could change the host.
    static func isValidRegion(_ region: String) -> Bool {
        !region.isEmpty && region.count <= 64 && region.allSatisfy { $0.isLetter && $0.isLowercase || $0.isNumber || $0 == "-" }
            && region.allSatisfy(\.isASCII)
    }
}
