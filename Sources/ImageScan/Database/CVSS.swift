import Foundation

/// CVSS 3.0/3.1 base scores computed from the vector string, by the formula of the FIRST specification.
public enum CVSS3 {
    public static func baseScore(_ vector: String) -> Double? {
        let parts = vector.split(separator: "/")
        guard let version = parts.first, version == "CVSS:3.1" || version == "CVSS:3.0" else { return nil }
        var metrics: [Substring: Substring] = [:]
        for part in parts.dropFirst() {
            let pair = part.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            metrics[pair[0]] = pair[1]
        }
        let scopeChanged: Bool
        switch metrics["S"] {
        case "U": scopeChanged = false
        case "C": scopeChanged = true
        default: return nil
        }
        guard let av = ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2][metrics["AV"] ?? ""],
              let ac = ["L": 0.77, "H": 0.44][metrics["AC"] ?? ""],
              let pr = (scopeChanged ? ["N": 0.85, "L": 0.68, "H": 0.5] : ["N": 0.85, "L": 0.62, "H": 0.27])[metrics["PR"] ?? ""],
              let ui = ["N": 0.85, "R": 0.62][metrics["UI"] ?? ""] else { return nil }
        let impactValues: [Substring: Double] = ["H": 0.56, "L": 0.22, "N": 0]
        guard let c = impactValues[metrics["C"] ?? ""], let i = impactValues[metrics["I"] ?? ""],
              let a = impactValues[metrics["A"] ?? ""] else { return nil }
        let iss = 1 - (1 - c) * (1 - i) * (1 - a)
        let impact = scopeChanged ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss
        let exploitability = 8.22 * av * ac * pr * ui
        guard impact > 0 else { return 0 }
        let raw = scopeChanged ? min(1.08 * (impact + exploitability), 10) : min(impact + exploitability, 10)
        return roundUp(raw)
    }

    /// The specification's Roundup: smallest number with one decimal that is ≥ the input, computed on
    /// integers to avoid floating-point surprises.
    static func roundUp(_ value: Double) -> Double {
        let scaled = Int((value * 100_000).rounded())
        return scaled % 10_000 == 0 ? Double(scaled / 10_000) / 10 : Double(scaled / 10_000 + 1) / 10
    }

    /// The qualitative rating of a base score.
    public static func severity(_ score: Double) -> VulnerabilitySeverity {
        switch score {
        case 9...: return .critical
        case 7..<9: return .high
        case 4..<7: return .medium
        case 0.1..<4: return .low
        default: return .none
        }
    }
}

/// Severity of a vulnerability record, from its CVSS score or its distribution's own rating.
public enum VulnerabilitySeverity: String, Sendable, Comparable, CaseIterable {
    case unknown, none, low, medium, high, critical

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }

    /// Distribution vocabularies: Ubuntu priorities, Debian urgencies, ALAS and GHSA ratings.
    public init(label: String) {
        switch label.lowercased() {
        case "critical": self = .critical
        case "high", "important": self = .high
        case "medium", "moderate": self = .medium
        case "low", "negligible", "unimportant": self = .low
        default: self = .unknown
        }
    }
}
