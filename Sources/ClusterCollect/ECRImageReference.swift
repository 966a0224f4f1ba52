/// An image in an Amazon ECR private registry, read from a Kubernetes image reference:
/// `111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.2@sha256:…` (pod specs), or a
/// container status `imageID`, which container runtimes may prefix with `docker-pullable://`.
public struct ECRImageReference: Hashable, Sendable, Comparable {
    /// The registry's account ID (12 digits).
    public var account: String
    public var region: String
    /// The repository name, path included (`team/app`).
    public var repository: String
    public var tag: String?
    /// `sha256:` and 64 lower-case hex digits.
    public var digest: String?
    /// The reference as written.
    public var reference: String

    /// Longest reference read (a repository name is at most 256 characters, a tag 128).
    public static let maxLength = 1024

    /// The parts of an ECR private registry reference; nil for any other registry (Docker Hub,
    /// ECR Public, a pull-through cache in another host) or a malformed reference.
    public static func parse(_ text: String) -> ECRImageReference? {
        guard text.utf8.count <= maxLength else { return nil }
        var rest = Substring(text)
        for scheme in ["docker-pullable://", "docker://"] where rest.hasPrefix(scheme) {
            rest = rest.dropFirst(scheme.count)
        }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        guard let (account, region) = registry(host: rest[..<slash]) else { return nil }
        var name = rest[rest.index(after: slash)...]
        var digest: String?
        if let at = name.firstIndex(of: "@") {
            let value = name[name.index(after: at)...]
            guard isDigest(value) else { return nil }
            digest = String(value)
            name = name[..<at]
        }
        var tag: String?
        if let colon = name.lastIndex(of: ":") {
            let value = name[name.index(after: colon)...]
            guard isTag(value) else { return nil }
            tag = String(value)
            name = name[..<colon]
        }
        guard isRepositoryName(name) else { return nil }
        return ECRImageReference(
            account: account, region: region, repository: String(name), tag: tag, digest: digest, reference: text)
    }

    public static func < (lhs: ECRImageReference, rhs: ECRImageReference) -> Bool {
        lhs.reference < rhs.reference
    }

    /// The account and region of an ECR private registry host: `ACCOUNT.dkr.ecr.REGION.amazonaws.com`,
    /// or `.amazonaws.com.cn` in the China partition; nil for any other host.
    public static func registry(host: Substring) -> (account: String, region: String)? {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        let suffixes: [[Substring]] = [["amazonaws", "com"], ["amazonaws", "com", "cn"]]
        guard suffixes.contains(where: { labels.count == 4 + $0.count && Array(labels.suffix($0.count)) == $0 }),
              labels[1] == "dkr", labels[2] == "ecr"
        else { return nil }
        let account = labels[0], region = labels[3]
        guard account.utf8.count == 12, account.utf8.allSatisfy(isDigit),
              !region.isEmpty, region.utf8.count <= 32,
              region.utf8.allSatisfy({ isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") })
        else { return nil }
        return (String(account), String(region))
    }

    private static func isDigest(_ text: Substring) -> Bool {
        guard text.hasPrefix("sha256:") else { return false }
        let hex = text.dropFirst("sha256:".count).utf8
        return hex.count == 64 && hex.allSatisfy { isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    /// ECR's tag rule: a letter, digit or underscore, then up to 127 of those, `.` and `-`.
    private static func isTag(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= 128, isWordByte(first) else { return false }
        return bytes.allSatisfy { isWordByte($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    /// ECR's repository rule: `/`-separated components of lower-case letters and digits joined by
    /// single `.`, `_` or `-`, 2 to 256 characters in all.
    private static func isRepositoryName(_ text: Substring) -> Bool {
        guard (2...256).contains(text.utf8.count) else { return false }
        return text.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { component in
            let bytes = Array(component.utf8)
            guard let first = bytes.first, let last = bytes.last, isLowerAlphanumeric(first), isLowerAlphanumeric(last)
            else { return false }
            var afterSeparator = false
            for byte in bytes {
                if isLowerAlphanumeric(byte) {
                    afterSeparator = false
                    continue
                }
                guard [UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-")].contains(byte), !afterSeparator else { return false }
                afterSeparator = true
            }
            return true
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        isLowerAlphanumeric(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || byte == UInt8(ascii: "_")
    }
}
