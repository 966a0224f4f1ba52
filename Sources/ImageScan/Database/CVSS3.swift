import Foundation

/// CVSS 3.0/3.1 base scores computed from the vector string, by the formula of the FIRST specification.
/// Temporal and environmental metrics are checked but not scored: records carry the base score.
public enum CVSS3 {
    static let metricSet = CVSSMetricSet(metrics: [
        .init("AV", "NALP", mandatory: true), .init("AC", "LH", mandatory: true), .init("PR", "NLH", mandatory: true),
        .init("UI", "NR", mandatory: true), .init("S", "UC", mandatory: true), .init("C", "HLN", mandatory: true),
        .init("I", "HLN", mandatory: true), .init("A", "HLN", mandatory: true),
        .init("E", "XUPFH"), .init("RL", "XOTWU"), .init("RC", "XURC"),
        .init("CR", "XLMH"), .init("IR", "XLMH"), .init("AR", "XLMH"),
        .init("MAV", "XNALP"), .init("MAC", "XLH"), .init("MPR", "XNLH"), .init("MUI", "XNR"), .init("MS", "XUC"),
        .init("MC", "XNLH"), .init("MI", "XNLH"), .init("MA", "XNLH"),
    ], ordered: false)

    /// The base score, or nil for a vector that is not a valid 3.x vector.
    public static func baseScore(_ vector: String) -> Double? { try? score(vector).score }

    public static func score(_ vector: String) throws(CVSSError) -> CVSSScore {
        let version: CVSSVersion
        if vector.hasPrefix("CVSS:3.1/") { version = .v3_1 }
        else if vector.hasPrefix("CVSS:3.0/") { version = .v3_0 }
        else { throw CVSSError(vector[...], "does not start with CVSS:3.0/ or CVSS:3.1/") }
        let metrics = try metricSet.parse(vector.dropFirst("CVSS:3.x/".count), vector: vector[...])
        let scopeChanged = metrics["S"] == "C"
        let av = ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2][metrics["AV"]!]!
        let ac = ["L": 0.77, "H": 0.44][metrics["AC"]!]!
        let pr = (scopeChanged ? ["N": 0.85, "L": 0.68, "H": 0.5] : ["N": 0.85, "L": 0.62, "H": 0.27])[metrics["PR"]!]!
        let ui = ["N": 0.85, "R": 0.62][metrics["UI"]!]!
        let impactValues: [Substring: Double] = ["H": 0.56, "L": 0.22, "N": 0]
        let (c, i, a) = (impactValues[metrics["C"]!]!, impactValues[metrics["I"]!]!, impactValues[metrics["A"]!]!)
        let iss = 1 - (1 - c) * (1 - i) * (1 - a)
        let impact = scopeChanged ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss
        let exploitability = 8.22 * av * ac * pr * ui
        guard impact > 0 else { return CVSSScore(version: version, score: 0) }
        let raw = scopeChanged ? min(1.08 * (impact + exploitability), 10) : min(impact + exploitability, 10)
        return CVSSScore(version: version, score: roundUp(raw))
    }

    /// The 3.1 specification's Roundup: smallest number with one decimal that is ≥ the input, computed on
    /// integers to avoid floating-point surprises. 3.0 defines Roundup as the exact ceiling; no base vector's
    /// raw score lies within the 0.000005 where the two could differ (the exhaustive table test shows it).
    static func roundUp(_ value: Double) -> Double {
        let scaled = Int((value * 100_000).rounded())
        return scaled % 10_000 == 0 ? Double(scaled / 10_000) / 10 : Double(scaled / 10_000 + 1) / 10
    }
}
