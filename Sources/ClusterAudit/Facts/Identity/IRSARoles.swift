import ClusterSnapshot
import EKSGuardCore
import Foundation

/// An IAM role reachable through IRSA in this cluster: named by service-account annotations, or
/// trusting the cluster's OIDC provider (found through `iam:ListRoles`), or both.
package struct IRSARole: Sendable {
    package var arn: String
    package var serviceAccounts: [AnnotatedServiceAccount]
    package var role: Fetched<IAMRole>

    package var ref: ResourceRef { ResourceRef(kind: "IAMRole", name: IAMRole.name(of: arn), arn: arn) }

    /// `used by ns/sa, ns/sb` or `used by no service account`, for messages.
    package var users: String {
        serviceAccounts.isEmpty ? "used by no service account" : "used by " + serviceAccounts.map(\.qualifiedName).joined(separator: ", ")
    }
}

/// The IRSA roles of a cluster, with the sources that could not be read.
package struct IRSARoles: Sendable {
    package var issuer: OIDCIssuer
    package var roles: [IRSARole]
    /// Why part of the picture is missing (no Kubernetes input, no `iam:ListRoles`).
    package var gaps: [DataGap]
}

extension ClusterFacts {
    /// The roles IRSA reaches, or nil when the cluster has no OIDC issuer.
    package var irsaRoles: Fetched<IRSARoles?> {
        requireAWS.flatMap { aws in
            aws.issuer.map { issuer in
                guard let issuer else { return nil }
                var gaps: [DataGap] = []
                var byARN: [String: [AnnotatedServiceAccount]] = [:]
                switch requireKubernetes.flatMap(\.annotatedServiceAccounts) {
                case .success(let accounts): byARN = Dictionary(grouping: accounts, by: \.roleARN)
                case .failure(let gap): gaps.append(DataGap("service-account annotations not read: \(gap.reason)"))
                }
                var listed: [String: JSONValue] = [:]
                switch aws.listedRoles {
                case .failure(let gap): gaps.append(DataGap("roles trusting the provider not searched: \(gap.reason)"))
                case .success(let roles):
                    for role in roles {
                        guard let arn = role["Arn"]?.string, let document = role["AssumeRolePolicyDocument"] else { continue }
                        // An unreadable trust that mentions the issuer is kept, so its parse error is reported.
                        let names = (try? PolicyDocument.parse(document, source: arn).get()).map { WebIdentityGrant.namesIssuer($0, issuer) }
                            ?? ((document.string ?? document.jsonText).removingPercentEncoding ?? "").contains(issuer.hostPath)
                        if names { listed[arn] = role }
                    }
                }
                let arns = Set(byARN.keys).union(listed.keys).sorted()
                let roles = arns.map { arn in
                    IRSARole(arn: arn, serviceAccounts: byARN[arn] ?? [], role: aws.role(arn: arn, listed: listed[arn]))
                }
                return IRSARoles(issuer: issuer, roles: roles, gaps: gaps)
            }
        }
    }
}
