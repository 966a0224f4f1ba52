import Foundation

/// `--select` / `--skip`: comma-separated check IDs, ID globs (`EKS-POD-*`) or reference globs
/// (`PSS:*`, `CIS-EKS-1.8.0:4.2.*`). A check runs when it matches some `select` pattern (or there
/// are none) and no `skip` pattern.
public struct Selection: Sendable {
    public var select: [Glob]
    public var skip: [Glob]

    public init(select: [String] = [], skip: [String] = []) {
        self.select = Self.split(select).map(Glob.init)
        self.skip = Self.split(skip).map(Glob.init)
    }

    public static let all = Selection()

    public func includes(_ metadata: CheckMetadata) -> Bool {
        if !select.isEmpty, !select.contains(where: { Self.matches($0, metadata) }) { return false }
        return !skip.contains(where: { Self.matches($0, metadata) })
    }

    /// Patterns that match no check in the catalog: almost always a typo the user wants to hear about.
    public func unmatchedPatterns(in catalog: [CheckMetadata]) -> [String] {
        (select + skip).filter { glob in !catalog.contains { Self.matches(glob, $0) } }.map(\.pattern)
    }

    private static func matches(_ glob: Glob, _ metadata: CheckMetadata) -> Bool {
        glob.matches(metadata.id) || metadata.references.contains(where: glob.matches)
    }

    private static func split(_ lists: [String]) -> [String] {
        lists.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
