/// CVSS v2 base scores by the formula of FIRST's v2 guide (section 3.2.1). Temporal and environmental
/// metrics are checked but not scored: what records carry and scanners compare is the base score.
public enum CVSS2 {
    static let metricSet = CVSSMetricSet(metrics: [
        .init("AV", "LAN", mandatory: true), .init("AC", "HML", mandatory: true), .init("Au", "MSN", mandatory: true),
        .init("C", "NPC", mandatory: true), .init("I", "NPC", mandatory: true), .init("A", "NPC", mandatory: true),
        .init(name: "E", values: ["U", "POC", "F", "H", "ND"], mandatory: false),
        .init(name: "RL", values: ["OF", "TF", "W", "U", "ND"], mandatory: false),
        .init(name: "RC", values: ["UC", "UR", "C", "ND"], mandatory: false),
        .init(name: "CDP", values: ["N", "L", "LM", "MH", "H", "ND"], mandatory: false),
        .init(name: "TD", values: ["N", "L", "M", "H", "ND"], mandatory: false),
        .init(name: "CR", values: ["L", "M", "H", "ND"], mandatory: false),
        .init(name: "IR", values: ["L", "M", "H", "ND"], mandatory: false),
        .init(name: "AR", values: ["L", "M", "H", "ND"], mandatory: false),
    ], ordered: false)

    /// `AV:N/AC:L/Au:N/C:P/I:P/A:P`: v2 vectors have no version prefix.
    public static func score(_ vector: String) throws(CVSSError) -> CVSSScore {
        let metrics = try metricSet.parse(vector[...], vector: vector[...])
        // The formula's constants have at most three decimals, so it runs exactly on integers: each value
        // below carries its scale in its name (e3 = thousandths).
        let impactFactor: [Substring: Int] = ["N": 0, "P": 275, "C": 660]
        let untouched = [metrics["C"]!, metrics["I"]!, metrics["A"]!].reduce(1) { $0 * (1000 - impactFactor[$1]!) }
        let impactE11 = 1041 * (1_000_000_000 - untouched)
        guard impactE11 > 0 else { return CVSSScore(version: .v2, score: 0) }
        let accessVectorE3 = ["L": 395, "A": 646, "N": 1000][metrics["AV"]!]!
        let accessComplexityE2 = ["H": 35, "M": 61, "L": 71][metrics["AC"]!]!
        let authenticationE3 = ["M": 450, "S": 560, "N": 704][metrics["Au"]!]!
        let exploitabilityE8 = 20 * accessVectorE3 * accessComplexityE2 * authenticationE3
        let sumE12 = 6 * impactE11 + 4 * exploitabilityE8 * 1000 - 1_500_000_000_000
        let scoreE15 = max(0, sumE12 * 1176)
        return CVSSScore(version: .v2, score: Double(CVSS.roundHalfUp(scoreE15, divisor: 100_000_000_000_000)) / 10)
    }
}
