import ClusterSnapshot
import EKSGuardCore

/// An IAM role as the snapshot holds it: its trust policy, and the policies that give it
/// permissions (attached managed policies at their default version, and inline policies).
package struct IAMRole: Sendable {
    package var arn: String
    package var name: String
    package var trust: Fetched<PolicyDocument>
    /// Every policy of the role, or why the list could not be read.
    package var policies: Fetched<[GrantedPolicy]>

    /// The role name of an ARN: its last path segment (`arn:aws:iam::1:role/path/name` → `name`).
    package static func name(of arn: String) -> String {
        String(arn.split(separator: "/").last ?? Substring(arn))
    }

    package var ref: ResourceRef { ResourceRef(kind: "IAMRole", name: name, arn: arn) }

    /// The role's overall level, with the policies that reach it; policies whose documents
    /// could not be read are listed apart, so a verdict can say what it did not see.
    package var permissions: Fetched<RolePermissions> {
        policies.map { RolePermissions($0) }
    }
}

/// A policy that grants a role permissions.
package struct GrantedPolicy: Sendable {
    package var name: String
    /// The ARN of an attached managed policy; nil for an inline policy.
    package var arn: String?
    package var document: Fetched<PolicyDocument>

    /// `arn:aws:iam::aws:policy/...`: written and versioned by AWS.
    package var isAWSManaged: Bool { arn?.contains(":iam::aws:policy/") ?? false }
    package var shown: String { arn == nil ? "inline \(name)" : name }
}

/// What a role's policies add up to.
package struct RolePermissions: Sendable {
    package var level: PermissionLevel
    /// The policies at the role's level, for evidence.
    package var reachedBy: [String]
    /// Policies whose documents are missing, with the reason.
    package var unread: [String]

    init(_ policies: [GrantedPolicy]) {
        var level = PermissionLevel.none
        var reachedBy: [String] = []
        var unread: [String] = []
        for policy in policies {
            switch policy.document {
            case .failure(let gap): unread.append("\(policy.shown) (\(gap.reason))")
            case .success(let document):
                let found = PermissionLevel.of(document)
                if found > level { (level, reachedBy) = (found, []) }
                if found == level, found > .none { reachedBy.append(policy.shown) }
            }
        }
        self.level = level
        self.reachedBy = reachedBy
        self.unread = unread
    }

    /// `write permissions (via AmazonS3FullAccess)`, plus the policies not read.
    package var shown: String {
        var text = level.shown
        if !reachedBy.isEmpty { text += " (via \(reachedBy.joined(separator: ", ")))" }
        if !unread.isEmpty { text += "; not read: \(unread.joined(separator: "; "))" }
        return text
    }
}

extension AWSFacts {
    /// A role by ARN: `iam:GetRole`, `ListAttachedRolePolicies` (+ `GetPolicy`/`GetPolicyVersion` of
    /// each), `ListRolePolicies` (+ `GetRolePolicy` of each). `listed` is the role's entry from
    /// `iam:ListRoles`, used for the trust policy when `GetRole` was not called.
    package func role(arn: String, listed: JSONValue? = nil) -> Fetched<IAMRole> {
        let name = IAMRole.name(of: arn)
        let described: Fetched<JSONValue>
        if let listed, snapshot.call("iam", "GetRole", matching: ["RoleName": .string(name)]) == nil {
            described = .success(listed)
        } else {
            described = response("iam", "GetRole", matching: ["RoleName": .string(name)]).flatMap { answer in
                answer["Role"].map(Fetched.success) ?? .failure(DataGap("iam:GetRole for \(name) answered without Role"))
            }
        }
        return described.map { role in
            let trust = role["AssumeRolePolicyDocument"].map { PolicyDocument.parse($0, source: "trust policy of role \(name)") }
                ?? .failure(DataGap("role \(name) has no AssumeRolePolicyDocument"))
            return IAMRole(arn: role["Arn"]?.string ?? arn, name: name, trust: trust, policies: policies(ofRole: name))
        }
    }

    private func policies(ofRole name: String) -> Fetched<[GrantedPolicy]> {
        let role: [String: JSONValue] = ["RoleName": .string(name)]
        return response("iam", "ListAttachedRolePolicies", matching: role).flatMap { attached in
            response("iam", "ListRolePolicies", matching: role).map { inline in
                let managed = (attached["AttachedPolicies"]?.array ?? []).compactMap { item -> GrantedPolicy? in
                    guard let arn = item["PolicyArn"]?.string else { return nil }
                    let policyName = item["PolicyName"]?.string ?? IAMRole.name(of: arn)
                    return GrantedPolicy(name: policyName, arn: arn, document: managedDocument(arn))
                }
                let own = (inline["PolicyNames"]?.array ?? []).compactMap(\.string).map { policyName in
                    GrantedPolicy(
                        name: policyName, arn: nil,
                        document: response("iam", "GetRolePolicy", matching: ["RoleName": .string(name), "PolicyName": .string(policyName)])
                            .flatMap { answer in
                                answer["PolicyDocument"].map { PolicyDocument.parse($0, source: "inline policy \(policyName) of role \(name)") }
                                    ?? .failure(DataGap("iam:GetRolePolicy \(policyName) answered without PolicyDocument"))
                            })
                }
                return managed + own
            }
        }
    }

    /// The default version's document of a managed policy.
    package func managedDocument(_ arn: String) -> Fetched<PolicyDocument> {
        response("iam", "GetPolicy", matching: ["PolicyArn": .string(arn)]).flatMap { policy in
            guard let version = policy[path: "Policy.DefaultVersionId"]?.string else {
                return .failure(DataGap("iam:GetPolicy for \(arn) answered without Policy.DefaultVersionId"))
            }
            return response("iam", "GetPolicyVersion", matching: ["PolicyArn": .string(arn), "VersionId": .string(version)]).flatMap { answer in
                answer[path: "PolicyVersion.Document"].map { PolicyDocument.parse($0, source: "policy \(arn) version \(version)") }
                    ?? .failure(DataGap("iam:GetPolicyVersion for \(arn) answered without PolicyVersion.Document"))
            }
        }
    }

    /// `iam:ListRoles → Roles[]`, every page.
    package var listedRoles: Fetched<[JSONValue]> {
        responses("iam", "ListRoles").flatMap { answers in
            guard !answers.isEmpty else {
                return .failure(DataGap("the snapshot has no iam:ListRoles call (collected by an older eksguard)"))
            }
            return .success(answers.flatMap { $0.response["Roles"]?.array ?? [] })
        }
    }
}
