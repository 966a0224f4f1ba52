/// One row of a report: a check's verdict on one resource, with the evidence.
///
/// What is the same for every result of a check (title, practice, remediation, references) is
/// held once in a shared ``CheckInfo``: a scan makes hundreds of thousands of results, and
/// copying one reference is much cheaper than copying a dozen strings.
public struct CheckResult: Sendable, Equatable {
    public var check: CheckInfo
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
            check: CheckInfo(id: checkID, title: title, practice: practice, references: references, remediation: remediation),
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
public final class CheckInfo: Sendable, Equatable {
    public let id: String
    public let title: String
    public let practice: Practice
    public let references: [String]
    public let remediation: String

    public init(id: String, title: String, practice: Practice, references: [String], remediation: String) {
        self.id = id
        self.title = title
        self.practice = practice
        self.references = references
        self.remediation = remediation
    }

    public convenience init(_ metadata: CheckMetadata) {
        self.init(id: metadata.id, title: metadata.title, practice: metadata.practice,
                  references: metadata.references, remediation: metadata.remediation)
    }

    public static func == (a: CheckInfo, b: CheckInfo) -> Bool {
        a === b || (a.id == b.id && a.title == b.title && a.practice == b.practice
            && a.references == b.references && a.remediation == b.remediation)
    }
}

extension Array where Element == CheckResult {
    /// Sorts into the order reports use: practice, check, resource (file, line, column, name,
    /// field, ARN), then message. Check IDs and files are ranked once, so almost every comparison
    /// is between integers; the string parts are compared only between results that tie on all of
    /// those, which matters with hundreds of thousands of results.
    public mutating func sortForReport() {
        func ranks(_ values: some Sequence<String>) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: Set(values).sorted().enumerated().map { ($1, $0) })
        }
        let checkRanks = ranks(lazy.map(\.checkID))
        let fileRanks = ranks(lazy.map { $0.resource.file ?? "" })
        let keys = map { result in
            SortKey(
                practice: result.practice.rawValue, check: checkRanks[result.checkID] ?? 0,
                file: fileRanks[result.resource.file ?? ""] ?? 0, line: result.resource.line ?? 0,
                column: result.resource.column ?? 0)
        }
        // Sort positions, not results: moving small integers beats moving large structs.
        var order = [Int](indices)
        order.sort { a, b in
            if keys[a] != keys[b] { return keys[a] < keys[b] }
            return Self.tieBreak(self[a], self[b])
        }
        self = order.map { self[$0] }
    }

    private static func tieBreak(_ a: CheckResult, _ b: CheckResult) -> Bool {
        let ra = a.resource, rb = b.resource
        if ra.displayName != rb.displayName { return ra.displayName < rb.displayName }
        if ra.field != rb.field { return (ra.field ?? "") < (rb.field ?? "") }
        if ra.arn != rb.arn { return (ra.arn ?? "") < (rb.arn ?? "") }
        return a.message < b.message
    }
}

private struct SortKey: Equatable, Comparable {
    var practice: Int
    var check: Int
    var file: Int
    var line: Int
    var column: Int

    static func < (a: SortKey, b: SortKey) -> Bool {
        (a.practice, a.check, a.file, a.line, a.column) < (b.practice, b.check, b.file, b.line, b.column)
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
