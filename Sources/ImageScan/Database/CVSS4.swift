/// CVSS v4.0 scores as FIRST's specification (section 8) defines them: the vector's macrovector (equivalence
/// classes EQ1–EQ6) gives the expert-assigned score of its most severe vectors, from which the vector's
/// severity distance to those vectors is subtracted, interpolated towards the next lower macrovectors.
/// Threat and environmental metrics take part when present (modified metrics replace base ones, E:X counts
/// as Attacked, CR/IR/AR:X as High); supplemental metrics are checked but never change the score.
public enum CVSS4 {
    static let metricSet = CVSSMetricSet(metrics: [
        .init("AV", "NALP", mandatory: true), .init("AC", "LH", mandatory: true), .init("AT", "NP", mandatory: true),
        .init("PR", "NLH", mandatory: true), .init("UI", "NPA", mandatory: true),
        .init("VC", "HLN", mandatory: true), .init("VI", "HLN", mandatory: true), .init("VA", "HLN", mandatory: true),
        .init("SC", "HLN", mandatory: true), .init("SI", "HLN", mandatory: true), .init("SA", "HLN", mandatory: true),
        .init("E", "XAPU"), .init("CR", "XHML"), .init("IR", "XHML"), .init("AR", "XHML"),
        .init("MAV", "XNALP"), .init("MAC", "XLH"), .init("MAT", "XNP"), .init("MPR", "XNLH"), .init("MUI", "XNPA"),
        .init("MVC", "XHLN"), .init("MVI", "XHLN"), .init("MVA", "XHLN"),
        .init("MSC", "XHLN"), .init("MSI", "XSHLN"), .init("MSA", "XSHLN"),
        .init("S", "XNP"), .init("AU", "XNY"), .init("R", "XAUI"), .init("V", "XDC"), .init("RE", "XLMH"),
        .init(name: "U", values: ["X", "Clear", "Green", "Amber", "Red"], mandatory: false),
    ], ordered: true)

    /// `CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N`, optionally followed by threat,
    /// environmental and supplemental metrics, all in the specification's order.
    public static func score(_ vector: String) throws(CVSSError) -> CVSSScore {
        guard vector.hasPrefix("CVSS:4.0/") else { throw CVSSError(vector[...], "does not start with CVSS:4.0/") }
        let metrics = try metricSet.parse(vector.dropFirst("CVSS:4.0/".count), vector: vector[...])
        let levels = Levels(metrics)
        guard let tenths = levels.scoreInTenths() else {
            throw CVSSError(vector[...], "no most severe vector of its macrovector lies above it")
        }
        return CVSSScore(version: .v4_0, score: Double(tenths) / 10)
    }

    /// The effective value of each scoring metric as its severity level: 0 is the most severe value and each
    /// step down adds one (the specification's 0.1 steps, counted in tenths so the arithmetic is exact).
    struct Levels {
        var av, pr, ui, ac, at, vc, vi, va, sc, si, sa, cr, ir, ar: Int
        /// Exploit maturity: 0 Attacked, 1 POC, 2 Unreported.
        var e: Int

        init(_ metrics: [Substring: Substring]) {
            func value(_ name: String) -> Substring {
                if let modified = metrics[("M" + name)[...]], modified != "X" { return modified }
                return metrics[name[...]]!
            }
            func requirement(_ name: Substring) -> Int { ["X": 0, "H": 0, "M": 1, "L": 2][metrics[name] ?? "X"]! }
            let impact: [Substring: Int] = ["H": 0, "L": 1, "N": 2]
            // Subsequent-system levels start one below: only MSI/MSA can reach Safety (S), the level above High.
            let subsequent: [Substring: Int] = ["S": 0, "H": 1, "L": 2, "N": 3]
            av = ["N": 0, "A": 1, "L": 2, "P": 3][value("AV")]!
            pr = ["N": 0, "L": 1, "H": 2][value("PR")]!
            ui = ["N": 0, "P": 1, "A": 2][value("UI")]!
            ac = ["L": 0, "H": 1][value("AC")]!
            at = ["N": 0, "P": 1][value("AT")]!
            (vc, vi, va) = (impact[value("VC")]!, impact[value("VI")]!, impact[value("VA")]!)
            (sc, si, sa) = (subsequent[value("SC")]!, subsequent[value("SI")]!, subsequent[value("SA")]!)
            (cr, ir, ar) = (requirement("CR"), requirement("IR"), requirement("AR"))
            e = ["X": 0, "A": 0, "P": 1, "U": 2][metrics["E"] ?? "X"]!
        }

        /// The macrovector: the level of each equivalence class, EQ1 to EQ6.
        var macrovector: [Int] {
            let (eq3, eq6) = Self.eq3eq6(vc: vc, vi: vi, va: va, cr: cr, ir: ir, ar: ar)
            return [Self.eq1(av: av, pr: pr, ui: ui), ac == 0 && at == 0 ? 0 : 1, eq3, Self.eq4(sc: sc, si: si, sa: sa), e, eq6]
        }

        static func eq1(av: Int, pr: Int, ui: Int) -> Int {
            av == 0 && pr == 0 && ui == 0 ? 0 : ((av == 0 || pr == 0 || ui == 0) && av != 3 ? 1 : 2)
        }

        static func eq3eq6(vc: Int, vi: Int, va: Int, cr: Int, ir: Int, ar: Int) -> (Int, Int) {
            let eq3 = vc == 0 && vi == 0 ? 0 : (vc == 0 || vi == 0 || va == 0 ? 1 : 2)
            let eq6 = (cr == 0 && vc == 0) || (ir == 0 && vi == 0) || (ar == 0 && va == 0) ? 0 : 1
            return (eq3, eq6)
        }

        /// Level 0 needs Safety (only MSI/MSA:S reach it), level 1 a High subsequent-system impact.
        static func eq4(sc: Int, si: Int, sa: Int) -> Int {
            si == 0 || sa == 0 ? 0 : (sc == 1 || si == 1 || sa == 1 ? 1 : 2)
        }

        /// The score in tenths, rounded half up; nil only if the tables had no maximal vector above this one.
        func scoreInTenths() -> Int? {
            if [vc, vi, va].allSatisfy({ $0 == 2 }) && [sc, si, sa].allSatisfy({ $0 == 3 }) { return 0 }
            let macro = macrovector
            let (eq1, eq2, eq3, eq4, eq6) = (macro[0], macro[1], macro[2], macro[3], macro[5])
            guard let score = CVSS4Tables.score(macro) else { return nil }
            /// The score of the macrovector one level lower in class `index` (0 = EQ1), if there is one.
            func lower(_ index: Int) -> Int? {
                var next = macro
                next[index] += 1
                return CVSS4Tables.score(next)
            }
            // EQ3 and EQ6 are lowered together; from (0,0) either may go down, and the higher of the two counts.
            let lowerEQ3EQ6: Int? = switch (eq3, eq6) {
            case (0, 0): [lower(5), lower(2)].compactMap { $0 }.max()
            case (1, 0): lower(5)
            default: lower(2)
            }
            guard let eq1Distance = Self.distance([av, pr, ui], CVSS4Tables.eq1Maxima[eq1]),
                  let eq2Distance = Self.distance([ac, at], CVSS4Tables.eq2Maxima[eq2]),
                  let eq3eq6Distance = Self.distance([vc, vi, va, cr, ir, ar], CVSS4Tables.eq3eq6Maxima[eq3][eq6]),
                  let eq4Distance = Self.distance([sc, si, sa], CVSS4Tables.eq4Maxima[eq4]) else { return nil }
            // Each class with a lower macrovector contributes (score drop to it) × (distance / class depth);
            // EQ5 counts in the mean but its distance is always 0. Summed over a common denominator.
            let common = 2520  // divisible by every depth (1…10)
            let classes: [(lower: Int?, distance: Int, depth: Int)] = [
                (lower(0), eq1Distance, CVSS4Tables.eq1Depth[eq1]),
                (lower(1), eq2Distance, CVSS4Tables.eq2Depth[eq2]),
                (lowerEQ3EQ6, eq3eq6Distance, CVSS4Tables.eq3eq6Depth[eq3][eq6]),
                (lower(3), eq4Distance, CVSS4Tables.eq4Depth[eq4]),
                (lower(4), 0, 1),
            ]
            var drop = 0, counted = 0
            for entry in classes {
                guard let lowerScore = entry.lower else { continue }
                counted += 1
                drop += (score - lowerScore) * entry.distance * (common / entry.depth)
            }
            guard counted > 0 else { return score }
            let denominator = common * counted
            let value = score * denominator - drop
            return value <= 0 ? 0 : min(100, CVSS.roundHalfUp(value, divisor: denominator))
        }

        /// Distance from the first of the class's most severe vectors that is at least as severe in every
        /// metric (the specification picks the first one that qualifies).
        static func distance(_ levels: [Int], _ maxima: [[Int]]) -> Int? {
            guard let maximum = maxima.first(where: { zip(levels, $0).allSatisfy { $0 >= $1 } }) else { return nil }
            return zip(levels, maximum).reduce(0) { $0 + $1.0 - $1.1 }
        }
    }
}
