import Foundation

/// One row of a report: a check's verdict on one resource, with the evidence.
///
/// What is the same for every result of a check (title, practice, remediation, references) is
/// held once in a shared ``CheckInfo``: a scan makes hundreds of thousands of results, and
/// copying one reference is much cheaper than copying a dozen strings.
public struct CheckResult: Sendable, Equatable {
    /// Not reference counted: check infos are interned and never freed (see ``CheckInfo``), and a
    /// scan copies results hundreds of thousands of times on several threads at once, where counting
    /// references to the same few objects makes the cores fight over their cache lines.
    public unowned(unsafe) var check: CheckInfo
    public var severity: Severity
    public var status: CheckStatus
    public var message: String
    public var resource: ResourceRef
    /// References that apply to this result only, beyond the check's own.
    public var extraReferences: [String]
    public var waiver: WaiverNote?

    public init(
        check: CheckInfo, severity: Severity, status: CheckStatus, message: String, resource: ResourceRef,
        extraReferences: [String] = [], waiver: WaiverNote? = nil
    ) {
        self.check = check
        self.severity = severity
        self.status = status
        self.message = message
        self.resource = resource
        self.extraReferences = extraReferences
        self.waiver = waiver
    }

    public init(
        checkID: String, title: String, practice: Practice, severity: Severity, status: CheckStatus,
        message: String, resource: ResourceRef, references: [String], remediation: String,
        waiver: WaiverNote? = nil
    ) {
        self.init(
            check: CheckInfo.interned(id: checkID, title: title, practice: practice, references: references, remediation: remediation),
            severity: severity, status: status, message: message, resource: resource, waiver: waiver)
    }

    public var checkID: String { check.id }
    public var title: String { check.title }
    public var practice: Practice { check.practice }
    public var remediation: String { check.remediation }
    public var references: [String] {
        extraReferences.isEmpty ? check.references : check.references + extraReferences.filter { !check.references.contains($0) }
    }

    public static func == (a: CheckResult, b: CheckResult) -> Bool {
        a.check == b.check && a.severity == b.severity && a.status == b.status && a.message == b.message
            && a.resource == b.resource && a.references == b.references && a.waiver == b.waiver
    }
}

/// The parts of a result every result of one check shares.
///
/// Instances are interned: one per distinct set of values, kept for the life of the process (there
/// are as many as there are checks, plus the constraints a configuration defines), so results hold
/// them without reference counting.
public final class CheckInfo: Sendable, Equatable {
    public let id: String
    public let title: String
    public let practice: Practice
    public let references: [String]
    public let remediation: String

    private init(id: String, title: String, practice: Practice, references: [String], remediation: String) {
        self.id = id
        self.title = title
        self.practice = practice
        self.references = references
        self.remediation = remediation
    }

    /// The one instance with these values.
    public static func interned(
        id: String, title: String, practice: Practice, references: [String], remediation: String
    ) -> CheckInfo {
        let key = InternKey(id: id, title: title, practice: practice, references: references, remediation: remediation)
        return internTable.withLock { table in
            if let existing = table[key] { return existing }
            let info = CheckInfo(id: id, title: title, practice: practice, references: references, remediation: remediation)
            table[key] = info
            return info
        }
    }

    /// The one instance for a check's metadata.
    public static func interned(_ metadata: CheckMetadata) -> CheckInfo {
        interned(id: metadata.id, title: metadata.title, practice: metadata.practice,
                 references: metadata.references, remediation: metadata.remediation)
    }

    public static func == (a: CheckInfo, b: CheckInfo) -> Bool {
        a === b || (a.id == b.id && a.title == b.title && a.practice == b.practice
            && a.references == b.references && a.remediation == b.remediation)
    }

    private struct InternKey: Hashable {
        let id: String
        let title: String
        let practice: Practice
        let references: [String]
        let remediation: String
    }

    private static let internTable = LockedTable<InternKey, CheckInfo>()
}

/// A dictionary behind a lock, for tables written rarely from any thread.
private final class LockedTable<Key: Hashable, Value>: @unchecked Sendable {
    // Every access goes through `withLock`, which is what makes the unchecked `Sendable` sound.
    private let lock = NSLock()
    private var table: [Key: Value] = [:]

    func withLock<Result>(_ body: (inout [Key: Value]) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&table)
    }
}

extension Array where Element == CheckResult {
    /// Sorts into the order reports use: practice, check, resource (file, line, column, name,
    /// field, ARN), then message.
    public mutating func sortForReport() {
        self = Self.inReportOrder([self])
    }

    /// The results of several parts (one per batch of files, say) as one array in report order.
    ///
    /// Scans make hundreds of thousands of results, so this is built for that: checks and files are
    /// ranked once, making almost every comparison one between integers (the string parts are
    /// compared only between results that tie on all of those); positions are sorted rather than
    /// results; and each result is copied exactly once, into the output.
    public static func inReportOrder(_ parts: [[CheckResult]]) -> [CheckResult] {
        let checkRanks = rankChecks(parts)
        let fileRanks = rankFiles(parts)
        var keys: [SortKey] = []
        keys.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for (partIndex, part) in parts.enumerated() {
            for index in part.indices {
                let resource = part[index].resource
                keys.append(SortKey(
                    check: checkRanks[ObjectIdentifier(part[index].check)]!,
                    file: fileRanks[resource.file ?? ""]!, line: resource.line ?? 0, column: resource.column ?? 0,
                    part: partIndex, index: index))
            }
        }
        keys.sort { a, b in
            if a.check != b.check || a.file != b.file || a.line != b.line || a.column != b.column { return a < b }
            return tieBreak(parts[a.part][a.index], parts[b.part][b.index])
        }
        return keys.map { parts[$0.part][$0.index] }
    }

    /// The same order for results that come one file per part (a Dockerfile scan): each part is put
    /// in order on its own, on every core, and the parts are then dealt out check by check, file by
    /// file, straight into place. Only the check ranking and the dealing are serial, and no result is
    /// compared with a result of another file. Falls back to `inReportOrder` when a part mixes files.
    public static func inReportOrder(oneFilePerPart parts: [[CheckResult]]) -> [CheckResult] {
        let parts = parts.filter { !$0.isEmpty }
        let singleFile = parts.allSatisfy { part in part.indices.allSatisfy { part[$0].resource.file == part[0].resource.file } }
        guard singleFile else { return inReportOrder(parts) }
        let checkRanks = rankChecks(parts)
        let files = parts.indices.sorted { (parts[$0][0].resource.file ?? "") < (parts[$1][0].resource.file ?? "") }
        // Within a file: check, line, column, then the tie-break, as `inReportOrder` sorts.
        let sortedParts = concurrentMap(files.map { parts[$0] }) { part -> (order: [Int], checks: [Int]) in
            let checks = part.indices.map { checkRanks[ObjectIdentifier(part[$0].check)]! }
            let order = part.indices.sorted { a, b in
                let ka = (checks[a], part[a].resource.line ?? 0, part[a].resource.column ?? 0)
                let kb = (checks[b], part[b].resource.line ?? 0, part[b].resource.column ?? 0)
                return ka != kb ? ka < kb : tieBreak(part[a], part[b])
            }
            return (order, checks)
        }
        // Where each check's results start in the output.
        var starts = [Int](repeating: 0, count: (checkRanks.values.max() ?? -1) + 2)
        for part in sortedParts { for rank in part.checks { starts[rank + 1] += 1 } }
        for rank in starts.indices.dropFirst() { starts[rank] += starts[rank - 1] }
        let total = starts[starts.count - 1]
        return [CheckResult](unsafeUninitializedCapacity: total) { buffer, count in
            var next = starts
            for (partIndex, sorted) in zip(files, sortedParts) {
                for index in sorted.order {
                    let rank = sorted.checks[index]
                    (buffer.baseAddress! + next[rank]).initialize(to: parts[partIndex][index])
                    next[rank] += 1
                }
            }
            count = total
        }
    }

    /// Each check's place in (practice, ID) order. Results share one ``CheckInfo`` per check, so
    /// they are told apart by identity; two infos with the same ID share a rank.
    private static func rankChecks(_ parts: [[CheckResult]]) -> [ObjectIdentifier: Int] {
        var infos: [ObjectIdentifier: CheckInfo] = [:]
        for part in parts {
            for index in part.indices where infos[ObjectIdentifier(part[index].check)] == nil {
                infos[ObjectIdentifier(part[index].check)] = part[index].check
            }
        }
        let order = Set(infos.values.map { CheckOrder(practice: $0.practice.rawValue, id: $0.id) }).sorted()
        let rankOf = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return infos.mapValues { rankOf[CheckOrder(practice: $0.practice.rawValue, id: $0.id)]! }
    }

    /// Each file's place in name order (no file ranks as the empty name). Results of one file sit
    /// together, so the name is hashed only when it changes.
    private static func rankFiles(_ parts: [[CheckResult]]) -> [String: Int] {
        var files: Set<String> = [""]
        var previous: String?
        for part in parts {
            for index in part.indices {
                let file = part[index].resource.file ?? ""
                if file != previous {
                    files.insert(file)
                    previous = file
                }
            }
        }
        return Dictionary(uniqueKeysWithValues: files.sorted().enumerated().map { ($1, $0) })
    }

    private static func tieBreak(_ a: CheckResult, _ b: CheckResult) -> Bool {
        let ra = a.resource, rb = b.resource
        if ra.displayName != rb.displayName { return ra.displayName < rb.displayName }
        if ra.field != rb.field { return (ra.field ?? "") < (rb.field ?? "") }
        if ra.arn != rb.arn { return (ra.arn ?? "") < (rb.arn ?? "") }
        return a.message < b.message
    }
}

private struct CheckOrder: Hashable, Comparable {
    var practice: Int
    var id: String

    static func < (a: CheckOrder, b: CheckOrder) -> Bool { (a.practice, a.id) < (b.practice, b.id) }
}

/// Where a result goes in report order, and where it is now (`part`, `index`).
private struct SortKey: Comparable {
    var check: Int
    var file: Int
    var line: Int
    var column: Int
    var part: Int
    var index: Int

    /// Report order up to the tie-break; the current position does not count.
    static func < (a: SortKey, b: SortKey) -> Bool {
        (a.check, a.file, a.line, a.column) < (b.check, b.file, b.line, b.column)
    }

    static func == (a: SortKey, b: SortKey) -> Bool {
        (a.check, a.file, a.line, a.column) == (b.check, b.file, b.line, b.column)
    }
}

/// Why a result is waived (or was, when the waiver expired).
public struct WaiverNote: Sendable, Codable, Equatable {
    public var reason: String
    public var owner: String
    public var expires: String
    public var expired: Bool

    public init(reason: String, owner: String, expires: String, expired: Bool) {
        self.reason = reason
        self.owner = owner
        self.expires = expires
        self.expired = expired
    }
}
