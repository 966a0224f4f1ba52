import ClusterSnapshot
import Foundation

/// Reads an answer into botocore's member names (JSON values), or into a typed `AWSError`.
struct ResponseDecoder {
    var model: ServiceModel
    var operationName: String

    func decode(status: Int, headers: [(name: String, value: String)], body: Data) throws(AWSError) -> JSONValue {
        let requestID = Self.header(headers, "x-amzn-RequestId") ?? Self.header(headers, "x-amz-request-id")
        guard (200..<300).contains(status) else {
            throw error(status: status, headers: headers, body: body, requestID: requestID)
        }
        guard let operation = model.operations[operationName], let outputName = operation.output else {
            return .object([:])
        }
        let shape = try model.shape(outputName)
        switch model.metadata.protocol {
        case "query", "ec2":
            guard let root = XMLTree.parse(body) else { throw unreadable(status, requestID, "XML") }
            var node = root
            if let wrapper = operation.resultWrapper {
                guard let result = root.child(wrapper) else { throw unreadable(status, requestID, "XML without \(wrapper)") }
                node = result
            }
            return try xmlValue(shape, node)
        default:
            if body.isEmpty { return .object([:]) }
            guard let json = JSONValue.parse(body) else { throw unreadable(status, requestID, "JSON") }
            // rest-json outputs with a payload member (App Mesh's Describe*) send that member as the whole body.
            if let payload = shape.payload, let reference = shape.members?[payload] {
                return .object([payload: try jsonValue(model.shape(reference.shape), json)])
            }
            return try jsonValue(shape, json)
        }
    }

    private func unreadable(_ status: Int, _ requestID: String?, _ what: String) -> AWSError {
        AWSError(
            kind: .invalidResponse, code: "UnreadableResponse", message: "the answer is not valid \(what)",
            requestID: requestID, httpStatus: status
        )
    }

    // MARK: errors

    private func error(status: Int, headers: [(name: String, value: String)], body: Data, requestID: String?) -> AWSError {
        var code: String?
        var message = ""
        var requestID = requestID
        if let root = XMLTree.parse(body) {
            code = root.first("Code")?.text
            message = root.first("Message")?.text ?? ""
            requestID = requestID ?? root.first("RequestId")?.text ?? root.first("RequestID")?.text
        } else if let json = JSONValue.parse(body) {
            code = (json["__type"] ?? json["code"] ?? json["Code"])?.string
            message = (json["message"] ?? json["Message"] ?? json["errorMessage"])?.string ?? ""
        }
        if let header = Self.header(headers, "x-amzn-ErrorType") { code = header }
        // Codes may arrive as "aws.protocol#Code" or "Code:http://internal.amazon.com/...".
        var cleaned = code ?? "HTTP\(status)"
        if let colon = cleaned.firstIndex(of: ":") { cleaned = String(cleaned[..<colon]) }
        if let hash = cleaned.lastIndex(of: "#") { cleaned = String(cleaned[cleaned.index(after: hash)...]) }
        if cleaned.isEmpty { cleaned = "HTTP\(status)" }
        if message.isEmpty && code == nil { message = Self.plainText(body) }
        return AWSError(kind: .service, code: cleaned, message: message, requestID: requestID, httpStatus: status)
    }

    /// An error page that is neither XML nor JSON (a proxy's or an emulator's HTML), as one short
    /// line: tags dropped, white space collapsed.
    static func plainText(_ body: Data) -> String {
        var text = ""
        var inTag = false
        for character in String(decoding: body.prefix(4096), as: UTF8.self) {
            switch character {
            case "<":
                inTag = true
                text.append(" ")
            case ">":
                inTag = false
            default:
                if !inTag { text.append(character) }
            }
        }
        let words = text.split { $0.isWhitespace }.joined(separator: " ")
        return words.count > 200 ? String(words.prefix(200)) + "…" : words
    }

    static func header(_ headers: [(name: String, value: String)], _ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    // MARK: JSON

    /// Renames wire names to member names, recursively; members bound to headers or the status are skipped.
    private func jsonValue(_ shape: ServiceModel.Shape, _ value: JSONValue) throws(AWSError) -> JSONValue {
        switch (shape.type, value) {
        case ("structure", .object(let object)):
            var out: [String: JSONValue] = [:]
            for (name, reference) in shape.members ?? [:] where reference.location == nil {
                guard let item = object[reference.locationName ?? name] else { continue }
                out[name] = try jsonValue(model.shape(reference.shape), item)
            }
            return .object(out)
        case ("list", .array(let items)):
            return try model.mapList(shape, items) { (member, item) throws(AWSError) in try jsonValue(member, item) } ?? value
        case ("map", .object(let object)):
            guard let valueReference = shape.value else { return value }
            let valueShape = try model.shape(valueReference.shape)
            var out: [String: JSONValue] = [:]
            for (key, item) in object { out[key] = try jsonValue(valueShape, item) }
            return .object(out)
        default:
            return value
        }
    }

    // MARK: XML

    private func xmlValue(_ shape: ServiceModel.Shape, _ node: XMLTree) throws(AWSError) -> JSONValue {
        switch shape.type {
        case "structure":
            var out: [String: JSONValue] = [:]
            for (name, reference) in shape.members ?? [:] {
                let memberShape = try model.shape(reference.shape)
                let wireName = reference.locationName ?? name
                if memberShape.type == "list", memberShape.flattened == true || reference.flattened == true {
                    let itemName = memberShape.member?.locationName ?? wireName
                    let items = node.children(itemName)
                    if !items.isEmpty { out[name] = try xmlList(memberShape, items) }
                } else if let child = node.child(wireName) {
                    out[name] = try xmlValue(memberShape, child)
                }
            }
            return .object(out)
        case "list":
            let itemName = shape.member?.locationName ?? "member"
            return try xmlList(shape, node.children(itemName))
        case "map":
            var out: [String: JSONValue] = [:]
            let keyName = shape.key?.locationName ?? "key"
            let valueName = shape.value?.locationName ?? "value"
            guard let valueReference = shape.value else { return .object([:]) }
            let valueShape = try model.shape(valueReference.shape)
            let entries = shape.flattened == true ? [node] : node.children("entry")
            for entry in entries {
                guard let key = entry.child(keyName)?.text, let value = entry.child(valueName) else { continue }
                out[key] = try xmlValue(valueShape, value)
            }
            return .object(out)
        case "boolean":
            return .bool(node.text.trimmingCharacters(in: .whitespaces) == "true")
        case "integer", "long", "double", "float":
            guard let number = Double(node.text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                return .string(node.text)
            }
            return .number(number)
        default:
            return .string(node.text)
        }
    }

    private func xmlList(_ shape: ServiceModel.Shape, _ items: [XMLTree]) throws(AWSError) -> JSONValue {
        guard let member = shape.member else { return .array([]) }
        let memberShape = try model.shape(member.shape)
        var out: [JSONValue] = []
        out.reserveCapacity(items.count)
        for item in items { out.append(try xmlValue(memberShape, item)) }
        return .array(out)
    }
}
