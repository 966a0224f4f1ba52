/// The package version orderings an image can need: Debian's dpkg, Alpine's apk and RPM.
public enum VersionScheme: String, Sendable, CaseIterable {
    case dpkg, apk, rpm

    /// Compares two version strings of this scheme: negative, zero or positive like `strcmp`.
    /// Malformed strings throw, naming the input, where the reference tool refuses them too.
    public func compare(_ a: String, _ b: String) throws(VersionError) -> Int {
        switch self {
        case .dpkg: return try DpkgVersion(a).compare(to: DpkgVersion(b))
        case .apk: return ApkVersion.compare(a, b)
        case .rpm: return RpmVersion(a).compare(to: RpmVersion(b))
        }
    }
}

/// A version string the scheme cannot order.
public struct VersionError: Error, Sendable, CustomStringConvertible, Equatable {
    public var version: String
    public var reason: String
    public var description: String { "invalid version \"\(version)\": \(reason)" }
}

/// Byte classification shared by the comparators: they all work on ASCII, never on locale rules.
enum ASCII {
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
    static func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
    /// Lower-case only: apk's commit hashes are `[0-9a-f]`, so `~B` is not a hash.
    static func isLowerHexDigit(_ c: UInt8) -> Bool { isDigit(c) || (c >= 0x61 && c <= 0x66) }

    /// Orders two runs of decimal digits of any length by value, without converting them to integers
    /// (versions carry digit runs longer than 64 bits, and hostile input may carry thousands).
    static func compareDigitRuns(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        let a = a.drop { $0 == 0x30 }, b = b.drop { $0 == 0x30 }
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        return compareBytes(a, b)
    }

    /// `memcmp` over the common length, then the shorter run first.
    static func compareBytes(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}
