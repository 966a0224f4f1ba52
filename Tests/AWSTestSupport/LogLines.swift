import Foundation

/// Collects log lines written from concurrent code, for tests that read them back.
public final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    public init() {}

    public var all: [String] { lock.withLock { lines } }

    public func append(_ line: String) { lock.withLock { lines.append(line) } }
}
