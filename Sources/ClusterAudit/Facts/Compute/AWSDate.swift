import ClusterSnapshot
import Foundation

/// AWS timestamps (`2026-10-15T08:00:00.000Z`, with or without fractions) and day-precision text.
package enum AWSDate {
    package static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// A timestamp member: ISO 8601 text (EC2's XML) or epoch seconds (JSON protocols such as EKS).
    package static func of(_ value: JSONValue?) -> Date? {
        if let seconds = value?.number { return Date(timeIntervalSince1970: seconds) }
        return value?.string.flatMap(parse)
    }

    package static func day(_ date: Date) -> String {
        String(ISO8601DateFormatter().string(from: date).prefix(10))
    }
}
