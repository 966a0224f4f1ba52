import ClusterSnapshot
import EKSGuardCore

/// How an EKS add-on gets AWS credentials: its own role (`serviceAccountRoleArn`) or Pod Identity
/// associations (`podIdentityAssociations`), or neither (the node role).
enum AddonIdentity {
    /// `serviceAccountRoleArn` or the associations, in words; nil when the add-on has neither.
    static func ownRole(_ addon: JSONValue) -> String? {
        if let role = addon["serviceAccountRoleArn"]?.string, !role.isEmpty { return "serviceAccountRoleArn \(role)" }
        let associations = addon["podIdentityAssociations"]?.array?.compactMap(\.string) ?? []
        return associations.isEmpty ? nil : "Pod Identity association(s) \(associations.joined(separator: ", "))"
    }

    static func ref(_ name: String, arn: String?) -> ResourceRef {
        ResourceRef(kind: "Addon", name: name, arn: arn, field: "addon.serviceAccountRoleArn")
    }
}
