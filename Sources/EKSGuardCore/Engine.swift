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
    /// One shared ``CheckInfo`` per check ID, so results do not each copy the check's strings.
    private let infos: [String: CheckInfo]

    public init(checks: [CheckDescriptor<Subject, Context>], options: EngineOptions) {
        self.options = options
        self.checks = checks.filter {
            options.selection.includes($0.metadata) && !options.configuration.isDisabled($0.metadata)
        }
        infos = Dictionary(checks.map { ($0.metadata.id, CheckInfo($0.metadata)) }, uniquingKeysWith: { first, _ in first })
    }

    /// Evaluates every enabled check on one subject.
    public func evaluate(_ subject: Subject, in context: Context) -> [CheckResult] {
        var results: [CheckResult] = []
        for check in checks {
            let findings = check.evaluate(subject, context)
            if findings.isEmpty {
                results.append(result(check.metadata, Finding(status: .pass, message: "passed", resource: subject.resource)))
            } else {
                results.append(contentsOf: findings.map { result(check.metadata, $0) })
            }
        }
        return results
    }

    /// Turns a finding into a result: severity override, references, and waivers.
    public func result(_ metadata: CheckMetadata, _ finding: Finding) -> CheckResult {
        let configured = options.configuration.severityOverrides[metadata.id]
        var result = CheckResult(
            check: infos[metadata.id] ?? CheckInfo(metadata),
            severity: configured ?? finding.severity ?? metadata.severity, status: finding.status,
            message: finding.message, resource: finding.resource, extraReferences: finding.references)
        guard finding.status == .fail,
              let waiver = options.configuration.waivers.first(where: { $0.covers(checkID: metadata.id, resource: finding.resource) })
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
