/// The checks of every domain, for listing (`eksguard checks`), explaining and documentation.
public struct Catalog: Sendable {
    public let checks: [CheckMetadata]

    public init(_ checks: [CheckMetadata]) {
        self.checks = checks.sorted { ($0.practice, $0.id) < ($1.practice, $1.id) }
    }

    public func metadata(for id: String) -> CheckMetadata? {
        checks.first { $0.id.caseInsensitiveEquals(id) }
    }

    /// Up to three IDs closest to a mistyped one (edit distance), for "did you mean".
    public func suggestions(for id: String) -> [String] {
        let query = id.uppercased()
        return checks.map { ($0.id, editDistance(query, $0.id.uppercased())) }
            .filter { $0.1 <= max(3, query.count / 2) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(3).map(\.0)
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool { lowercased() == other.lowercased() }
}

/// Levenshtein distance over characters, two rows of memory.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
