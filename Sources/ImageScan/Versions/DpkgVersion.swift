/// A Debian package version `[epoch:]upstream[-revision]`, ordered exactly as `dpkg --compare-versions`.
public struct DpkgVersion: Sendable, Hashable, CustomStringConvertible {
    public let epoch: Int
    let upstream: [UInt8]
    let revision: [UInt8]
    public let description: String

    /// Parses as dpkg does: the epoch ends at the first colon, the revision starts after the last hyphen.
    /// Like dpkg, only structural problems are errors; odd characters are tolerated.
    public init(_ text: String) throws(VersionError) {
        let trimmed = text.trimming(" \t\r\n")
        description = trimmed
        func fail(_ reason: String) -> VersionError { VersionError(version: text, reason: reason) }
        var bytes = Array(trimmed.utf8)
        if bytes.isEmpty { throw fail("version string is empty") }
        if bytes.contains(where: { $0 == 0x20 || $0 == 0x09 }) { throw fail("version string has embedded spaces") }
        if let colon = bytes.firstIndex(of: 0x3A) {
            let digits = bytes[..<colon]
            if digits.isEmpty { throw fail("epoch in version is empty") }
            guard digits.allSatisfy(ASCII.isDigit) else { throw fail("epoch in version is not number") }
            let significant = digits.drop { $0 == 0x30 }
            guard significant.count <= 10, let value = Int(String(decoding: digits, as: UTF8.self)), value <= Int(Int32.max) else {
                throw fail("epoch in version is too big")
            }
            epoch = value
            bytes.removeSubrange(...colon)
            if bytes.isEmpty { throw fail("nothing after colon in version number") }
        } else {
            epoch = 0
        }
        if let hyphen = bytes.lastIndex(of: 0x2D) {
            revision = Array(bytes[(hyphen + 1)...])
            upstream = Array(bytes[..<hyphen])
            if revision.isEmpty { throw fail("revision number is empty") }
        } else {
            upstream = bytes
            revision = []
        }
        if upstream.isEmpty { throw fail("version number is empty") }
    }

    public func compare(to other: DpkgVersion) -> Int {
        if epoch != other.epoch { return epoch < other.epoch ? -1 : 1 }
        let byUpstream = Self.compareParts(upstream, other.upstream)
        return byUpstream != 0 ? byUpstream : Self.compareParts(revision, other.revision)
    }

    /// dpkg's weight of a non-digit position: `~` sorts before everything, even the end of the string,
    /// letters before other punctuation. Digits and the end weigh 0.
    private static func weight(_ c: UInt8?) -> Int {
        guard let c, !ASCII.isDigit(c) else { return 0 }
        if ASCII.isLetter(c) { return Int(c) }
        if c == 0x7E { return -1 }
        return Int(c) + 256
    }

    /// Alternating non-digit and digit runs: the former by weight, the latter by value.
    static func compareParts(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var i = 0, j = 0
        while i < a.count || j < b.count {
            while (i < a.count && !ASCII.isDigit(a[i])) || (j < b.count && !ASCII.isDigit(b[j])) {
                let wa = weight(i < a.count ? a[i] : nil), wb = weight(j < b.count ? b[j] : nil)
                if wa != wb { return wa < wb ? -1 : 1 }
                i += 1
                j += 1
            }
            let endA = a[i...].firstIndex { !ASCII.isDigit($0) } ?? a.count
            let endB = b[j...].firstIndex { !ASCII.isDigit($0) } ?? b.count
            let order = ASCII.compareDigitRuns(a[i..<endA], b[j..<endB])
            if order != 0 { return order }
            i = endA
            j = endB
        }
        return 0
    }
}
