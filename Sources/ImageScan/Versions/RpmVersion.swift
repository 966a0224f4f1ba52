/// An RPM `[epoch:]version[-release]`, ordered as rpm 4.18's `rpm.vercmp` (rpmverCmp over rpmvercmp).
public struct RpmVersion: Sendable, Hashable, CustomStringConvertible {
    /// The epoch as written (digits only); nil when absent, which counts as "0".
    let epoch: [UInt8]?
    let version: [UInt8]
    /// nil when the string has no hyphen: rpm then ranks it below any written release.
    let release: [UInt8]?
    public let description: String

    /// Splits as rpm's parser does: a leading run of digits followed by `:` is the epoch (an empty one
    /// is "0"), the release follows the last hyphen. Every string parses.
    public init(_ text: String) {
        description = text
        var bytes = Array(text.utf8)
        let digits = bytes.prefix(while: ASCII.isDigit).count
        if digits < bytes.count, bytes[digits] == 0x3A {
            epoch = digits == 0 ? [0x30] : Array(bytes[..<digits])
            bytes.removeSubrange(...digits)
        } else {
            epoch = nil
        }
        if let hyphen = bytes.lastIndex(of: 0x2D) {
            release = Array(bytes[(hyphen + 1)...])
            version = Array(bytes[..<hyphen])
        } else {
            release = nil
            version = bytes
        }
    }

    public init(epoch: Int?, version: String, release: String?) {
        self.epoch = epoch.map { Array(String($0).utf8) }
        self.version = Array(version.utf8)
        self.release = release.map { Array($0.utf8) }
        var text = epoch.map { "\($0):" } ?? ""
        text += version
        if let release { text += "-" + release }
        description = text
    }

    public func compare(to other: RpmVersion) -> Int {
        let byEpoch = Self.vercmp(epoch ?? [0x30], other.epoch ?? [0x30])
        if byEpoch != 0 { return byEpoch }
        let byVersion = Self.vercmp(version, other.version)
        if byVersion != 0 { return byVersion }
        switch (release, other.release) {
        case let (a?, b?): return Self.vercmp(a, b)
        case (.some, nil): return 1
        case (nil, .some): return -1
        case (nil, nil): return 0
        }
    }

    /// rpm's segment comparison: separators are skipped, `~` sorts before anything (even the end),
    /// `^` after the end but before any further segment, digit segments beat letter segments.
    static func vercmp(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a == b { return 0 }
        var i = 0, j = 0
        func isKept(_ c: UInt8) -> Bool { ASCII.isDigit(c) || ASCII.isLetter(c) || c == 0x7E || c == 0x5E }
        while i < a.count || j < b.count {
            while i < a.count, !isKept(a[i]) { i += 1 }
            while j < b.count, !isKept(b[j]) { j += 1 }
            let ca = i < a.count ? a[i] : nil, cb = j < b.count ? b[j] : nil
            if ca == 0x7E || cb == 0x7E {
                if ca != 0x7E { return 1 }
                if cb != 0x7E { return -1 }
                i += 1
                j += 1
                continue
            }
            if ca == 0x5E || cb == 0x5E {
                if ca == nil { return -1 }
                if cb == nil { return 1 }
                if ca != 0x5E { return 1 }
                if cb != 0x5E { return -1 }
                i += 1
                j += 1
                continue
            }
            guard let first = ca, cb != nil else { break }
            let numeric = ASCII.isDigit(first)
            let endA = a[i...].firstIndex { numeric ? !ASCII.isDigit($0) : !ASCII.isLetter($0) } ?? a.count
            let endB = b[j...].firstIndex { numeric ? !ASCII.isDigit($0) : !ASCII.isLetter($0) } ?? b.count
            if endB == j { return numeric ? 1 : -1 }
            let order = numeric ? ASCII.compareDigitRuns(a[i..<endA], b[j..<endB]) : ASCII.compareBytes(a[i..<endA], b[j..<endB])
            if order != 0 { return order }
            i = endA
            j = endB
        }
        if i >= a.count, j >= b.count { return 0 }
        return i >= a.count ? -1 : 1
    }
}
