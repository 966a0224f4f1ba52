import EKSGuardCore

/// What the image checks look at: the inventory and the database's verdicts on it.
public struct ImageSubject: Sendable {
    public var inventory: ImageInventory
    public var matches: [VulnerabilityMatch]
    /// Why no vulnerability lookup was possible (unknown OS, no data for the distribution); nil when it ran.
    public var lookupProblem: String?
    /// Layer sizes summed (compressed, as pulled), or the folder size for a root filesystem.
    public var sizeBytes: Int64

    public init(inventory: ImageInventory, matches: [VulnerabilityMatch], lookupProblem: String?, sizeBytes: Int64) {
        self.inventory = inventory
        self.matches = matches
        self.lookupProblem = lookupProblem
        self.sizeBytes = sizeBytes
    }

    var resource: ResourceRef { ResourceRef(kind: "Image", name: inventory.name) }
}

public struct ImageCheckContext: Sendable {
    public var ignoreUnfixed: Bool
    /// Images larger than this fail the slim-image check.
    public var slimSizeLimitBytes: Int64
    /// The image is meant to be minimal (distroless, scratch-based): shells and package managers fail.
    public var expectSlim: Bool

    public init(ignoreUnfixed: Bool = false, slimSizeLimitBytes: Int64 = 500 << 20, expectSlim: Bool = false) {
        self.ignoreUnfixed = ignoreUnfixed
        self.slimSizeLimitBytes = slimSizeLimitBytes
        self.expectSlim = expectSlim
    }
}

public typealias ImageCheck = CheckDescriptor<ImageSubject, ImageCheckContext>

public enum ImageCatalog {
    public static let checks: [ImageCheck] = [ImageCheck(VulnerablePackagesCheck()), ImageCheck(SlimImageCheck())]
    public static var metadata: [CheckMetadata] { checks.map(\.metadata) }

    /// Every check on one image, as report rows.
    public static func evaluate(_ subject: ImageSubject, context: ImageCheckContext, selection: Selection) -> [CheckResult] {
        checks.filter { selection.includes($0.metadata) }.flatMap { check -> [CheckResult] in
            let info = CheckInfo.interned(check.metadata)
            let findings = check.evaluate(subject, context)
            if findings.isEmpty {
                return [CheckResult(check: info, severity: check.metadata.severity, status: .pass, message: "no problem found", resource: subject.resource)]
            }
            return findings.map {
                CheckResult(check: info, severity: $0.severity ?? check.metadata.severity, status: $0.status, message: $0.message,
                            resource: $0.resource, extraReferences: $0.references)
            }
        }
    }
}

extension VulnerabilitySeverity {
    /// The report severity; records without any rating count as low so they still show at the default
    /// `--fail-on low`, with the message saying the rating is unknown.
    var reportSeverity: Severity {
        switch self {
        case .critical: return .critical
        case .high: return .high
        case .medium: return .medium
        case .low, .unknown: return .low
        case .none: return .info
        }
    }
}
