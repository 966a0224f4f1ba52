/// One row of a report: a check's verdict on one resource, with the evidence.
public struct CheckResult: Sendable, Codable, Equatable {
    public var checkID: String
    public var title: String
    public var practice: Practice
    public var severity: Severity
    public var status: CheckStatus
    public var message: String
    public var resource: ResourceRef
    public var references: [String]
    public var remediation: String
    public var waiver: WaiverNote?

    public init(
        checkID: String, title: String, practice: Practice, severity: Severity, status: CheckStatus,
        message: String, resource: ResourceRef, references: [String], remediation: String,
        waiver: WaiverNote? = nil
    ) {
        self.checkID = checkID
        self.title = title
        self.practice = practice
        self.severity = severity
        self.status = status
        self.message = message
        self.resource = resource
        self.references = references
        self.remediation = remediation
        self.waiver = waiver
    }

    /// The order reports use: practice, check, resource, then message.
    public static func reportOrder(_ a: CheckResult, _ b: CheckResult) -> Bool {
        if a.practice != b.practice { return a.practice < b.practice }
        if a.checkID != b.checkID { return a.checkID < b.checkID }
        if a.resource != b.resource { return a.resource < b.resource }
        return a.message < b.message
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
