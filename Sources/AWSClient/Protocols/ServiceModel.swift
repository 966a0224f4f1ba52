import ClusterSnapshot
import Foundation

/// The parts of botocore's API models that the wire protocols need, for the operations eksguard
/// calls. `Resources/models.json` is written by scripts/generate-aws-models.py.
public struct ServiceModel: Sendable, Decodable {
    public struct Metadata: Sendable, Decodable {
        public var `protocol`: String
        public var endpointPrefix: String
        public var signingName: String?
        public var targetPrefix: String?
        public var apiVersion: String
        public var jsonVersion: String?
        public var serviceId: String
        public var globalEndpoint: String?
    }

    public struct Operation: Sendable, Decodable {
        public struct HTTP: Sendable, Decodable {
            public var method: String
            public var requestUri: String
        }

        public struct Paginator: Sendable, Decodable {
            public var inputToken: StringOrList
            public var outputToken: StringOrList
            public var resultKey: StringOrList?
            public var limitKey: String?
            enum CodingKeys: String, CodingKey {
                case inputToken = "input_token", outputToken = "output_token", resultKey = "result_key"
                case limitKey = "limit_key"
            }
        }

        public var http: HTTP
        public var input: String?
        public var output: String?
        public var resultWrapper: String?
        public var paginator: Paginator?
    }

    /// botocore writes a paginator's keys as one name or a list of names.
    public struct StringOrList: Sendable, Decodable {
        public var names: [String]
        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let one = try? container.decode(String.self) {
                names = [one]
            } else {
                names = try container.decode([String].self)
            }
        }
    }

    public struct Reference: Sendable, Decodable {
        public var shape: String
        public var locationName: String?
        public var location: String?
        public var queryName: String?
        public var flattened: Bool?
    }

    public struct Shape: Sendable, Decodable {
        public var type: String
        public var members: [String: Reference]?
        public var member: Reference?
        public var key: Reference?
        public var value: Reference?
        public var flattened: Bool?
        public var locationName: String?
        public var timestampFormat: String?
        public var payload: String?
    }

    public var metadata: Metadata
    public var operations: [String: Operation]
    public var shapes: [String: Shape]

    public var signingName: String { metadata.signingName ?? metadata.endpointPrefix }

    /// Each element of a list, transformed with the list's member shape; nil when the shape has no member.
    func mapList(
        _ shape: Shape, _ items: [JSONValue], _ transform: (Shape, JSONValue) throws(AWSError) -> JSONValue
    ) throws(AWSError) -> JSONValue? {
        guard let member = shape.member else { return nil }
        let memberShape = try self.shape(member.shape)
        var out: [JSONValue] = []
        for item in items { out.append(try transform(memberShape, item)) }
        return .array(out)
    }

    func shape(_ name: String) throws(AWSError) -> Shape {
        guard let shape = shapes[name] else {
            throw AWSError(kind: .invalidRequest, code: "UnknownShape", message: "model has no shape \(name)")
        }
        return shape
    }
}

/// Every service model eksguard carries, keyed by botocore's service name (`eks`, `ec2`, `elbv2`, ...).
public enum ServiceModels {
    public static let all: [String: ServiceModel] = {
        struct File: Decodable { var services: [String: ServiceModel] }
        guard let url = Bundle.module.url(forResource: "models", withExtension: "json"),
              let data = try? Data(contentsOf: url),
              let file = try? JSONDecoder().decode(File.self, from: data)
        else { return [:] }
        return file.services
    }()
}
