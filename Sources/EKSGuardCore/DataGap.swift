/// Why a check cannot read the data it needs: a failed AWS call, a Kubernetes list the caller may
/// not read, an input that was not given. A check that meets one reports `error` with this reason,
/// never `pass`.
public struct DataGap: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}

/// Data a check reads, or why it is missing.
public typealias Fetched<Value> = Result<Value, DataGap>
