import ClusterSnapshot
import EKSGuardCore
import Foundation

/// One trust statement that lets web identities of the cluster's OIDC issuer assume a role
/// (`Allow sts:AssumeRoleWithWebIdentity` with this issuer among its `Principal.Federated`).
package struct WebIdentityGrant: Sendable {
    package static let action = "sts:AssumeRoleWithWebIdentity"

    package var label: String
    package var statement: PolicyStatement
    /// Every OIDC provider the statement trusts, this cluster's included.
    package var providers: [String]
    /// The providers that are not this cluster's: the same conditions must hold them too.
    package var otherProviders: [String]
    /// Conditions on `<issuer>:sub` and `<issuer>:aud`.
    package var sub: [PolicyCondition]
    package var aud: [PolicyCondition]

    /// The grants of a trust policy for `issuer`.
    package static func grants(in trust: PolicyDocument, for issuer: OIDCIssuer) -> [WebIdentityGrant] {
        trust.statements.enumerated().compactMap { index, statement in
            guard statement.allows(action), let principal = statement.principal, !principal.negated else { return nil }
            let federated = principal.values("Federated")
            guard federated.contains(where: issuer.isNamed) else { return nil }
            return WebIdentityGrant(
                label: statement.label(index: index), statement: statement,
                providers: federated.filter(OIDCIssuer.isProvider),
                otherProviders: federated.filter { OIDCIssuer.isProvider($0) && !issuer.isNamed(by: $0) },
                sub: statement.conditions(on: issuer.subKey), aud: statement.conditions(on: issuer.audKey))
        }
    }

    /// Whether any statement of the trust names the issuer at all (for any action).
    package static func namesIssuer(_ trust: PolicyDocument, _ issuer: OIDCIssuer) -> Bool {
        trust.statements.contains { $0.principal?.values("Federated").contains(where: issuer.isNamed) ?? false }
    }

    /// The providers named with a wildcard (`.../id/*`): they trust every cluster of the region.
    package var wildcardProviders: [String] {
        providers.filter { value in
            value.range(of: ":oidc-provider/").map { !Glob(String(value[$0.upperBound...])).isLiteral } ?? false
        }
    }

    /// `StringLike` values of `:sub` that hold wildcards, with how far they reach.
    package var wildcardSubjects: [(value: String, allNamespaces: Bool)] {
        sub.filter { $0.conditionOperator.isPattern && !$0.conditionOperator.negated }.flatMap { condition in
            condition.values.filter { !Glob($0).isLiteral }.map { value in
                (value, !Self.pinsNamespace(value))
            }
        }
    }

    /// `system:serviceaccount:<ns>:<pattern>` with a literal namespace.
    static func pinsNamespace(_ subject: String) -> Bool {
        let prefix = "system:serviceaccount:"
        guard subject.hasPrefix(prefix) else { return false }
        let rest = subject.dropFirst(prefix.count)
        guard let colon = rest.firstIndex(of: ":") else { return false }
        let namespace = String(rest[..<colon])
        return !namespace.isEmpty && Glob(namespace).isLiteral
    }
}
