import ClusterSnapshot
import Foundation

/// AWS timestamps as the snapshot keeps them: ISO 8601 text (with or without fractional
/// seconds) or epoch seconds.
enum AWSTimestamp {
    static func date(_ value: JSONValue?) -> Date? {
        switch value {
        case .number(let seconds)?: return Date(timeIntervalSince1970: seconds)
        case .string(let text)?:
            let plain = ISO8601DateFormatter()
            if let date = plain.date(from: text) { return date }
            let fractional = ISO8601DateFormatter()
            fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return fractional.date(from: text)
        default: return nil
        }
    }
}
