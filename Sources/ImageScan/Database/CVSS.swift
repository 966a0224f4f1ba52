/// The CVSS versions we score, and their qualitative rating scales.
public enum CVSSVersion: String, Sendable, Comparable, CaseIterable {
    case v2 = "2.0", v3_0 = "3.0", v3_1 = "3.1", v4_0 = "4.0"

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    /// v3.x and v4.0 share the specification's None/Low/Medium/High/Critical scale; v2 has no official
    /// scale, so NVD's Low (0–3.9), Medium (4–6.9), High (7–10) applies.
    public func severity(_ score: Double) -> VulnerabilitySeverity {
        if self == .v2 { return score >= 7 ? .high : (score >= 4 ? .medium : .low) }
        switch score {
        case 9...: return .critical
        case 7..<9: return .high
        case 4..<7: return .medium
        case 0.1..<4: return .low
        default: return .none
        }
    }
}

/// A scored vector: v2 and v3.x give the base score; v4.0 the one score its specification defines for the
/// metrics present (CVSS-B, -BT, -BE or -BTE).
public struct CVSSScore: Sendable, Equatable {
    public var version: CVSSVersion
    public var score: Double
    public var severity: VulnerabilitySeverity { version.severity(score) }
}

/// Why a vector was not scored.
public struct CVSSError: Error, Sendable, Equatable, CustomStringConvertible {
    public var vector: String
    public var reason: String

    init(_ vector: Substring, _ reason: String) {
        self.vector = vector.count > 120 ? String(vector.prefix(120)) + "…" : String(vector)
        self.reason = reason
    }

    public var description: String { "CVSS vector \"\(vector)\": \(reason)" }
}

/// Scores a vector as OSV's severity `type` names it.
public enum CVSS {
    /// OSV severity types we score, newest version first: the order in which a record's vectors are tried.
    public static let osvTypes = ["CVSS_V4", "CVSS_V3", "CVSS_V2"]

    public static func score(osvType: String, vector: String) throws(CVSSError) -> CVSSScore {
        switch osvType {
        case "CVSS_V4": return try CVSS4.score(vector)
        case "CVSS_V3": return try CVSS3.score(vector)
        case "CVSS_V2": return try CVSS2.score(vector)
        default: throw CVSSError(vector[...], "severity type \(osvType) is not a CVSS version we score")
        }
    }

    /// `value / divisor` rounded half up, for non-negative values.
    static func roundHalfUp(_ value: Int, divisor: Int) -> Int { (2 * value + divisor) / (2 * divisor) }
}

/// One version's metrics in the order its specification lists them, with their allowed values.
struct CVSSMetricSet: Sendable {
    struct Metric: Sendable {
        var name: String
        var values: Set<String>
        var mandatory: Bool
    }
    var metrics: [Metric]
    /// v4.0 calls every order but the specification's invalid; v2 and v3.x readers accept any order.
    var ordered: Bool

    /// Longer than any valid vector of any version, with every optional metric written out.
    static let maximumVectorLength = 400

    /// The metric values of `body` (the vector without its `CVSS:x.y/` prefix, if any). `vector` is the
    /// whole text, for error messages.
    func parse(_ body: Substring, vector: Substring) throws(CVSSError) -> [Substring: Substring] {
        guard vector.utf8.count <= Self.maximumVectorLength else {
            throw CVSSError(vector, "longer than \(Self.maximumVectorLength) characters")
        }
        var values: [Substring: Substring] = [:]
        var position = -1
        for field in body.split(separator: "/", omittingEmptySubsequences: false) {
            let pair = field.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, !pair[0].isEmpty else { throw CVSSError(vector, "field \"\(field)\" is not METRIC:VALUE") }
            let (name, value) = (pair[0], pair[1])
            guard let index = metrics.firstIndex(where: { $0.name == name }) else {
                throw CVSSError(vector, "unknown metric \(name)")
            }
            guard metrics[index].values.contains(String(value)) else {
                throw CVSSError(vector, "metric \(name) has no value \"\(value)\"")
            }
            guard values.updateValue(value, forKey: name) == nil else { throw CVSSError(vector, "metric \(name) appears twice") }
            if ordered {
                guard index > position else { throw CVSSError(vector, "metric \(name) is out of the specification's order") }
                position = index
            }
        }
        let missing = metrics.filter { $0.mandatory && values[$0.name[...]] == nil }.map(\.name)
        guard missing.isEmpty else { throw CVSSError(vector, "base metric\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")) missing") }
        return values
    }
}

extension CVSSMetricSet.Metric {
    /// A metric whose values are single letters, written as one string.
    init(_ name: String, _ letters: String, mandatory: Bool = false) {
        self.init(name: name, values: Set(letters.map(String.init)), mandatory: mandatory)
    }
}
