import ClusterSnapshot
/// IAM's glob: `*` matches any run of characters, `?` any one character, nothing else is special.
/// Used for actions (case-insensitive), ARNs and condition values (`StringLike`).
package enum WildcardPattern {
    /// Whether `text` matches `pattern`. Greedy with one back-track point, so the time is bounded
    /// by the product of the lengths (both capped by the policy parser) and never exponential.
    package static func matches(_ pattern: String, _ text: String, caseInsensitive: Bool = false) -> Bool {
        let p = Array((caseInsensitive ? pattern.lowercased() : pattern).unicodeScalars)
        let t = Array((caseInsensitive ? text.lowercased() : text).unicodeScalars)
        var pi = 0, ti = 0
        var star = -1, resume = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                resume = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                resume += 1
                ti = resume
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Whether a value holds a wildcard character.
    package static func hasWildcard(_ value: String) -> Bool {
        value.contains("*") || value.contains("?")
    }
}
