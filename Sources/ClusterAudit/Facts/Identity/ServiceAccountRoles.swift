import ClusterSnapshot
import EKSGuardCore
import Foundation
import KubernetesAudit

/// A service account that names an IAM role for IRSA (`eks.amazonaws.com/role-arn`).
package struct AnnotatedServiceAccount: Sendable {
    package static let annotation = "eks.amazonaws.com/role-arn"

    package var object: KubernetesObject
    package var namespace: String
    package var name: String
    package var roleARN: String

    /// `namespace/name`, the form messages use.
    package var qualifiedName: String { "\(namespace)/\(name)" }
    package var ref: ResourceRef {
        let cursor = object.root["metadata"]["annotations"][Self.annotation]
        return object.resource.at("metadata.annotations.\(Self.annotation)", cursor.position)
    }
}

extension KubernetesInventory {
    /// Service accounts with a non-empty role annotation.
    package var annotatedServiceAccounts: Fetched<[AnnotatedServiceAccount]> {
        objects(Self.serviceAccount).map { accounts in
            accounts.compactMap { account in
                guard let arn = account.root["metadata"]["annotations"][AnnotatedServiceAccount.annotation].string.value?
                    .trimmingCharacters(in: .whitespaces), !arn.isEmpty, let name = account.name
                else { return nil }
                return AnnotatedServiceAccount(object: account, namespace: account.namespace ?? "default", name: name, roleARN: arn)
            }
        }
    }
}
