import Foundation

/// A subject checks are evaluated on; its resource is what a passing result points at.
public protocol CheckSubject: Sendable {
    var resource: ResourceRef { get }
}

/// What the engine needs besides the checks: which checks run, the configuration, and today's
/// date (injected so waiver expiry is testable).
public struct EngineOptions: Sendable {
    public var selection: Selection
    public var configuration: Configuration
    /// `YYYY-MM-DD` in UTC.
    public var today: String

    public init(selection: Selection = .all, configuration: Configuration = .empty, today: String = EngineOptions.utcToday()) {
        self.selection = selection
        self.configuration = configuration
        self.today = today
    }

    public static func utcToday(_ date: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}

/// Runs checks × subjects into results: applies selection, disabled checks, severity overrides
/// and waivers, and returns results in report order.
public struct Engine<Subject: CheckSubject, Context: Sendable>: Sendable {
    public let checks: [CheckDescriptor<Subject, Context>]
    public let options: EngineOptions
    /// Per enabled check, in `checks` order: what every result of the check shares, resolved once
    /// so that making a result (hundreds of thousands per scan) hashes nothing.
    private let resolved: [ResolvedCheck]
    /// The same for any check a caller passes to `result(_:_:)` (the input-error checks too).
    private let resolvedByID: [String: ResolvedCheck]
    /// Each enabled check's evaluation alone: calling through the descriptor would copy its metadata
    /// (a dozen strings and arrays, shared by every thread) for every subject.
    private let evaluators: [@Sendable (Subject, Context) -> [Finding]]

    public init(checks: [CheckDescriptor<Subject, Context>], options: EngineOptions) {
        self.options = options
        self.checks = checks.filter {
            options.selection.includes($0.metadata) && !options.configuration.isDisabled($0.metadata)
        }
        let configuration = options.configuration
        resolvedByID = Dictionary(
            checks.map { ($0.metadata.id, ResolvedCheck($0.metadata, configuration)) }, uniquingKeysWith: { first, _ in first })
        resolved = self.checks.map { [resolvedByID] in resolvedByID[$0.metadata.id]! }
        evaluators = self.checks.map(\.evaluate)
    }

    /// Evaluates every enabled check on one subject.
    public func evaluate(_ subject: Subject, in context: Context) -> [CheckResult] {
        var results: [CheckResult] = []
        results.reserveCapacity(checks.count)
        let passed = Finding(status: .pass, message: "passed", resource: subject.resource)
        for index in evaluators.indices {
            let findings = evaluators[index](subject, context)
            if findings.isEmpty {
                results.append(result(resolved[index], passed))
            } else {
                for finding in findings { results.append(result(resolved[index], finding)) }
            }
        }
        return results
    }

    /// Turns a finding into a result: severity override, references, and waivers.
    public func result(_ metadata: CheckMetadata, _ finding: Finding) -> CheckResult {
        result(resolvedByID[metadata.id] ?? ResolvedCheck(metadata, options.configuration), finding)
    }

    private func result(_ check: ResolvedCheck, _ finding: Finding) -> CheckResult {
        var result = CheckResult(
            check: check.info, severity: check.configuredSeverity ?? finding.severity ?? check.defaultSeverity,
            status: finding.status, message: finding.message, resource: finding.resource, extraReferences: finding.references)
        guard finding.status == .fail,
              let waiver = options.configuration.waivers.first(where: { $0.covers(checkID: check.info.id, resource: finding.resource) })
        else { return result }
        let expired = waiver.isExpired(today: options.today)
        result.waiver = WaiverNote(reason: waiver.reason, owner: waiver.owner, expires: waiver.expires, expired: expired)
        if expired {
            result.message += " (waiver by \(waiver.owner) expired on \(waiver.expires): \(waiver.reason))"
        } else {
            result.status = .waived
        }
        return result
    }
}

/// A check's shared result fields and its severities, looked up once per engine.
private struct ResolvedCheck: Sendable {
    let info: CheckInfo
    let defaultSeverity: Severity
    /// From the configuration's `severity:` map; beats a finding's own severity.
    let configuredSeverity: Severity?

    init(_ metadata: CheckMetadata, _ configuration: Configuration) {
        info = CheckInfo.interned(metadata)
        defaultSeverity = metadata.severity
        configuredSeverity = configuration.severityOverrides[metadata.id]
    }
}
