/// `.eksguard.yaml`: checks turned off, severities changed, and waivers.
///
/// ```yaml
/// disable: [EKS-POD-013, "PSS:procMount"]   # IDs, ID globs or reference globs
/// severity:
///   EKS-POD-016: medium
/// waivers:
///   - check: EKS-POD-007
///     resource: "DaemonSet/kube-system/aws-node*"
///     reason: "The VPC CNI needs privileges; tracked in OPS-123"
///     owner: platform-team
///     expires: 2027-01-31
/// ```
public struct Configuration: Sendable {
    public var disabled: [Glob]
    public var severityOverrides: [String: Severity]
    public var waivers: [Waiver]

    public init(disabled: [Glob] = [], severityOverrides: [String: Severity] = [:], waivers: [Waiver] = []) {
        self.disabled = disabled
        self.severityOverrides = severityOverrides
        self.waivers = waivers
    }

    public static let empty = Configuration()

    public func isDisabled(_ metadata: CheckMetadata) -> Bool {
        disabled.contains { glob in glob.matches(metadata.id) || metadata.references.contains(where: glob.matches) }
    }
}

/// A failure accepted for a while: which check, on which resources, why, who owns it, until when.
public struct Waiver: Sendable, Equatable {
    public var check: Glob
    public var resource: Glob
    public var reason: String
    public var owner: String
    /// `YYYY-MM-DD`; the waiver holds through that day.
    public var expires: String
    public var line: Int

    public init(check: Glob, resource: Glob, reason: String, owner: String, expires: String, line: Int) {
        self.check = check
        self.resource = resource
        self.reason = reason
        self.owner = owner
        self.expires = expires
        self.line = line
    }

    /// A waiver's resource glob is tried on the display name (`Kind/namespace/name/container`),
    /// the object without its container, the ARN and the file path.
    public func covers(checkID: String, resource ref: ResourceRef) -> Bool {
        guard check.matches(checkID) else { return false }
        var names = [ref.displayName]
        if ref.container != nil {
            var object = ref
            object.container = nil
            names.append(object.displayName)
        }
        if let arn = ref.arn { names.append(arn) }
        if let file = ref.file { names.append(file) }
        return names.contains(where: resource.matches)
    }

    public func isExpired(today: String) -> Bool { expires < today }
}
