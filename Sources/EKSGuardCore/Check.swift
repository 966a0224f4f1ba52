/// A check: static metadata plus a pure, synchronous evaluation of one subject.
///
/// Each domain fixes `Subject` (a workload, a Dockerfile, a snapshot) and `Context`
/// (the options that domain's checks read). `evaluate` does no I/O; collectors read inputs before.
public protocol Check: Sendable {
    associatedtype Subject: Sendable
    associatedtype Context: Sendable
    static var metadata: CheckMetadata { get }
    /// Findings for this subject; an empty list means the subject passed.
    func evaluate(_ subject: Subject, in context: Context) -> [Finding]
}

/// One thing a check found on a subject: a failure, an evaluation error, or a reason it does not apply.
public struct Finding: Sendable {
    public var status: CheckStatus
    public var message: String
    public var resource: ResourceRef
    /// Set when this finding is more or less severe than the check's default (graded checks).
    public var severity: Severity?
    /// An extra reference that applies to this finding only (`PSS:hostPorts` on a host-port finding).
    public var references: [String]

    public init(
        status: CheckStatus, message: String, resource: ResourceRef,
        severity: Severity? = nil, references: [String] = []
    ) {
        self.status = status
        self.message = message
        self.resource = resource
        self.severity = severity
        self.references = references
    }

    public static func fail(_ message: String, at resource: ResourceRef, severity: Severity? = nil) -> Finding {
        Finding(status: .fail, message: message, resource: resource, severity: severity)
    }

    public static func error(_ message: String, at resource: ResourceRef) -> Finding {
        Finding(status: .error, message: message, resource: resource)
    }

    public static func notApplicable(_ message: String, at resource: ResourceRef) -> Finding {
        Finding(status: .notApplicable, message: message, resource: resource)
    }
}

/// A check with its type erased, so catalogs of different check types can be listed and run together.
public struct CheckDescriptor<Subject: Sendable, Context: Sendable>: Sendable {
    public let metadata: CheckMetadata
    public let evaluate: @Sendable (Subject, Context) -> [Finding]

    public init<C: Check>(_ check: C) where C.Subject == Subject, C.Context == Context {
        metadata = C.metadata
        evaluate = { subject, context in check.evaluate(subject, in: context) }
    }

    /// A check whose metadata is only known at run time (a Gatekeeper constraint read from a file).
    public init(metadata: CheckMetadata, evaluate: @escaping @Sendable (Subject, Context) -> [Finding]) {
        self.metadata = metadata
        self.evaluate = evaluate
    }
}
