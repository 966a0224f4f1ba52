/// Shell-style patterns for check IDs, references and resources: `*` matches any run of
/// characters (including `/` and `:`), `?` one character; matching ignores case.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let units: [Character]

    public init(_ pattern: String) {
        self.pattern = pattern
        units = Array(pattern.lowercased())
    }

    public var description: String { pattern }
    public var isLiteral: Bool { !units.contains("*") && !units.contains("?") }

    public func matches(_ text: String) -> Bool {
        let t = Array(text.lowercased())
        // Iterative wildcard matching with a single backtrack point: linear in practice,
        // never exponential on hostile patterns.
        var p = 0, s = 0, star = -1, mark = 0
        while s < t.count {
            if p < units.count, units[p] == "?" || units[p] == t[s] {
                p += 1
                s += 1
            } else if p < units.count, units[p] == "*" {
                star = p
                mark = s
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                s = mark
            } else {
                return false
            }
        }
        while p < units.count, units[p] == "*" { p += 1 }
        return p == units.count
    }
}
