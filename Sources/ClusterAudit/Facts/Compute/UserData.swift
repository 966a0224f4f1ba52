import ClusterSnapshot
import EKSGuardCore
import Foundation

/// Launch template user data, decoded with limits: EC2 caps user data at 16 KiB before base64,
/// so anything much larger is not what EC2 would run and is refused rather than read.
package enum UserData {
    package struct Invalid: Error, CustomStringConvertible, Equatable {
        package var description: String
    }

    /// The largest base64 text read (16 KiB of data is under 22 KiB of base64; the margin allows
    /// line breaks some tools insert).
    package static let maxEncodedLength = 32 * 1024
    /// A multipart document with more parts than this is refused (cloud-init documents have a few).
    package static let maxParts = 64

    /// One part of the user data: a MIME part, or the whole text when it is not multipart.
    package struct Part: Sendable, Equatable {
        package var contentType: String
        package var body: String
    }

    /// Base64 text → UTF-8 text. `name` names the input in errors.
    package static func decode(_ base64: String, name: String) throws(Invalid) -> String {
        guard base64.utf8.count <= maxEncodedLength else {
            throw Invalid(description: "\(name): user data is \(base64.utf8.count) bytes of base64, over the \(maxEncodedLength)-byte limit EC2 would accept")
        }
        let compact = base64.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else {
            throw Invalid(description: "\(name): user data is not valid base64")
        }
        if data.starts(with: [0x1f, 0x8b]) {
            throw Invalid(description: "\(name): user data is gzip-compressed, which eksguard does not expand; check it by hand")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Invalid(description: "\(name): user data is not UTF-8 text")
        }
        return text
    }

    /// The parts of a user-data text: MIME multipart documents (what EKS merges and nodeadm
    /// reads) are split at their boundary, base64 parts decoded; other text is one part.
    package static func parts(_ text: String, name: String) throws(Invalid) -> [Part] {
        let (headers, body) = splitHeaders(text)
        let contentType = headers["content-type"] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/") else {
            return [Part(contentType: contentType.isEmpty ? "text/plain" : contentType, body: text)]
        }
        guard let boundary = parameter("boundary", of: contentType), !boundary.isEmpty else {
            throw Invalid(description: "\(name): multipart user data without a boundary parameter")
        }
        let delimiter = "--" + boundary
        guard body.contains(delimiter) else {
            throw Invalid(description: "\(name): multipart user data never uses its boundary \(boundary)")
        }
        var parts: [Part] = []
        for chunk in body.components(separatedBy: delimiter).dropFirst() {
            if chunk.hasPrefix("--") { break }
            guard parts.count < maxParts else {
                throw Invalid(description: "\(name): multipart user data has more than \(maxParts) parts")
            }
            let (partHeaders, partBody) = splitHeaders(String(chunk.drop { $0 == "\r" || $0 == "\n" }))
            var content = partBody
            if partHeaders["content-transfer-encoding"]?.lowercased() == "base64" {
                content = try decode(partBody, name: "\(name) part \(parts.count + 1)")
            }
            parts.append(Part(contentType: partHeaders["content-type"] ?? "text/plain", body: content))
        }
        return parts
    }

    /// Decoded parts of a launch template's `UserData`, or why they cannot be read.
    package static func read(_ base64: String, name: String) -> Fetched<[Part]> {
        do throws(Invalid) {
            return .success(try parts(try decode(base64, name: name), name: name))
        } catch {
            return .failure(DataGap(error.description))
        }
    }

    /// Leading `Name: value` header lines (when the text starts with MIME headers) and the rest.
    private static func splitHeaders(_ text: String) -> (headers: [String: String], body: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var headers: [String: String] = [:]
        var index = 0
        var lastKey: String?
        while index < lines.count {
            let line = lines[index].trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            if line.isEmpty { index += 1; break }
            if line.first == " " || line.first == "\t", let last = lastKey {
                headers[last, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
                index += 1
                continue
            }
            guard let colon = line.firstIndex(of: ":"), !line[..<colon].contains(" ") else { return ([:], text) }
            let key = line[..<colon].lowercased()
            headers[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            lastKey = key
            index += 1
        }
        if headers.isEmpty { return ([:], text) }
        return (headers, lines[index...].joined(separator: "\n"))
    }

    /// `boundary="abc"` out of a Content-Type value.
    private static func parameter(_ key: String, of value: String) -> String? {
        for piece in value.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}

extension AWSFacts {
    /// The decoded user data of a pool's launch template: nil when there is no template or it sets
    /// no `UserData`; a gap when the template is missing or the user data cannot be read.
    package func userData(of pool: NodePool) -> Fetched<(ref: LaunchTemplateRef, parts: [UserData.Part])?> {
        launchTemplateData(of: pool).flatMap { resolved in
            guard let resolved, let encoded = resolved.data["UserData"]?.string else { return .success(nil) }
            return UserData.read(encoded, name: "\(pool.label) \(resolved.ref)").map { parts -> (ref: LaunchTemplateRef, parts: [UserData.Part])? in
                (resolved.ref, parts)
            }
        }
    }
}
