import ClusterSnapshot
import Foundation

/// Turns an operation's input (botocore member names, JSON values) into an HTTP request for the
/// service's protocol: rest-json, json (1.0/1.1), query or ec2.
struct RequestSerializer {
    var model: ServiceModel
    var operationName: String

    func request(input: [String: JSONValue], scheme: String, authority: String, basePath: String) throws(AWSError)
        -> AWSHTTPRequest
    {
        guard let operation = model.operations[operationName] else {
            throw AWSError(kind: .invalidRequest, code: "UnknownOperation", message: "no model for \(operationName)")
        }
        let inputShape = try operation.input.map { name throws(AWSError) in try model.shape(name) }
        var request = AWSHTTPRequest(method: "POST", scheme: scheme, authority: authority, path: basePath.isEmpty ? "/" : basePath)
        switch model.metadata.protocol {
        case "rest-json":
            try restJSON(operation, inputShape, input, into: &request, basePath: basePath)
        case "json":
            let target = (model.metadata.targetPrefix ?? "") + "." + operationName
            request.headers = [("X-Amz-Target", target),
                               ("Content-Type", "application/x-amz-json-\(model.metadata.jsonVersion ?? "1.1")")]
            let body = try inputShape.map { shape throws(AWSError) in try jsonBody(shape, input) } ?? .object([:])
            request.body = Data(body.jsonText.utf8)
        case "query", "ec2":
            var pairs = [("Action", operationName), ("Version", model.metadata.apiVersion)]
            if let inputShape { try queryPairs(inputShape, .object(input), prefix: "", into: &pairs) }
            request.headers = [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]
            let body = pairs.map { URIEncoding.encode($0.0) + "=" + URIEncoding.encode($0.1) }.joined(separator: "&")
            request.body = Data(body.utf8)
        default:
            throw AWSError(kind: .invalidRequest, code: "UnsupportedProtocol", message: model.metadata.protocol)
        }
        return request
    }

    // MARK: rest-json

    private func restJSON(
        _ operation: ServiceModel.Operation, _ shape: ServiceModel.Shape?, _ input: [String: JSONValue],
        into request: inout AWSHTTPRequest, basePath: String
    ) throws(AWSError) {
        request.method = operation.http.method
        var uri = operation.http.requestUri
        var query: [AWSHTTPRequest.QueryItem] = []
        // A requestUri may carry a fixed query part (`/path?versions`).
        if let mark = uri.firstIndex(of: "?") {
            query = AWSHTTPRequest.parseQuery(String(uri[uri.index(after: mark)...]))
            uri = String(uri[..<mark])
        }
        var body: [String: JSONValue] = [:]
        for (name, reference) in shape?.members ?? [:] {
            guard let value = input[name] else { continue }
            let wireName = reference.locationName ?? name
            switch reference.location {
            case "uri":
                let text = Self.scalarText(value)
                uri = uri.replacingOccurrences(of: "{\(wireName)+}", with: URIEncoding.encode(text, keeping: URIEncoding.slash))
                uri = uri.replacingOccurrences(of: "{\(wireName)}", with: URIEncoding.encode(text))
            case "querystring":
                if case .array(let items) = value {
                    query += items.map { .init(wireName, Self.scalarText($0)) }
                } else {
                    query.append(.init(wireName, Self.scalarText(value)))
                }
            case "header":
                request.headers.append((wireName, Self.scalarText(value)))
            default:
                body[wireName] = try jsonValue(model.shape(reference.shape), value)
            }
        }
        guard !uri.contains("{") else {
            throw AWSError(kind: .invalidRequest, code: "MissingParameter", message: "\(operationName) needs \(uri)")
        }
        let prefix = basePath.hasSuffix("/") ? String(basePath.dropLast()) : basePath
        request.path = prefix + uri
        request.query = query
        if !body.isEmpty || operation.http.method == "POST" || operation.http.method == "PUT" {
            request.headers.append(("Content-Type", "application/json"))
            request.body = Data(JSONValue.object(body).jsonText.utf8)
        }
    }

    // MARK: json

    private func jsonBody(_ shape: ServiceModel.Shape, _ input: [String: JSONValue]) throws(AWSError) -> JSONValue {
        try jsonValue(shape, .object(input))
    }

    /// Renames members to their wire names, recursively.
    private func jsonValue(_ shape: ServiceModel.Shape, _ value: JSONValue) throws(AWSError) -> JSONValue {
        switch (shape.type, value) {
        case ("structure", .object(let object)):
            var out: [String: JSONValue] = [:]
            for (name, item) in object {
                guard let reference = shape.members?[name] else {
                    throw AWSError(kind: .invalidRequest, code: "UnknownParameter", message: "\(operationName) has no \(name)")
                }
                out[reference.locationName ?? name] = try jsonValue(model.shape(reference.shape), item)
            }
            return .object(out)
        case ("list", .array(let items)):
            return try model.mapList(shape, items) { (member, item) throws(AWSError) in try jsonValue(member, item) } ?? value
        default:
            return value
        }
    }

    // MARK: query and ec2

    private func queryPairs(
        _ shape: ServiceModel.Shape, _ value: JSONValue, prefix: String, into pairs: inout [(String, String)]
    ) throws(AWSError) {
        let ec2 = model.metadata.protocol == "ec2"
        switch (shape.type, value) {
        case ("structure", .object(let object)):
            for name in object.keys.sorted() {
                guard let reference = shape.members?[name], let item = object[name] else {
                    throw AWSError(kind: .invalidRequest, code: "UnknownParameter", message: "\(operationName) has no \(name)")
                }
                let wireName = ec2 ? Self.ec2Name(reference, name) : (reference.locationName ?? name)
                let key = prefix.isEmpty ? wireName : prefix + "." + wireName
                try queryPairs(model.shape(reference.shape), item, prefix: key, into: &pairs)
            }
        case ("list", .array(let items)):
            guard let member = shape.member else { return }
            let memberShape = try model.shape(member.shape)
            if items.isEmpty {
                if !ec2 { pairs.append((prefix, "")) }
                return
            }
            var listPrefix = prefix
            if ec2 || shape.flattened == true {
                if !ec2, let name = member.locationName {
                    listPrefix = (prefix.split(separator: ".").dropLast().map(String.init) + [name]).joined(separator: ".")
                }
            } else {
                listPrefix = prefix + "." + (member.locationName ?? "member")
            }
            for (index, item) in items.enumerated() {
                try queryPairs(memberShape, item, prefix: "\(listPrefix).\(index + 1)", into: &pairs)
            }
        default:
            pairs.append((prefix, Self.scalarText(value)))
        }
    }

    /// EC2 sends a member under its queryName, else its locationName with the first letter upper-cased.
    private static func ec2Name(_ reference: ServiceModel.Reference, _ name: String) -> String {
        if let queryName = reference.queryName { return queryName }
        if let location = reference.locationName, let first = location.first {
            return first.uppercased() + location.dropFirst()
        }
        return name
    }

    static func scalarText(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number):
            return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .null: return ""
        case .array, .object: return value.jsonText
        }
    }
}
