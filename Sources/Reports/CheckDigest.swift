import EKSGuardCore

/// One check among a group of results: what its results share, its status as the scoreboard counts
/// it, its results by status, and every reference any of them carries. The formats that describe
/// each check once (remediation, references) list these.
struct CheckDigest {
    let info: CheckInfo
    var results = Summary([])
    var references: [String] = []
    /// The highest severity any result carries: graded checks set it per finding.
    var severity = Severity.info
    private var seen: Set<CheckStatus> = []

    var status: CheckStatus { Scoreboard.checkStatus(seen) }

    private init(info: CheckInfo) { self.info = info }

    /// The checks of `results` in order of first result.
    static func of(_ results: [CheckResult]) -> [CheckDigest] {
        var digests: [CheckDigest] = []
        var position: [String: Int] = [:]
        for index in results.indices {
            let result = results[index]
            let slot = position[result.checkID] ?? {
                digests.append(CheckDigest(info: result.check))
                position[result.checkID] = digests.count - 1
                return digests.count - 1
            }()
            digests[slot].results.add(result.status)
            digests[slot].seen.insert(result.status)
            digests[slot].severity = max(digests[slot].severity, result.severity)
            for reference in result.references where !digests[slot].references.contains(reference) {
                digests[slot].references.append(reference)
            }
        }
        return digests
    }
}
