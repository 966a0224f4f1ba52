import ClusterSnapshot
import EKSGuardCore

/// An EKS Pod Identity association (`eks:DescribePodIdentityAssociation → association`).
package struct PodIdentityAssociation: Sendable {
    package var id: String
    package var arn: String?
    package var namespace: String
    package var serviceAccount: String
    package var roleARN: String
    package var targetRoleARN: String?
    package var disableSessionTags: Bool

    package var qualifiedName: String { "\(namespace)/\(serviceAccount)" }
    package var ref: ResourceRef { ResourceRef(kind: "PodIdentityAssociation", name: qualifiedName, arn: arn) }

    /// The association's resource before it is read (its ID only).
    package static func ref(_ child: AWSFacts.Child) -> ResourceRef {
        ResourceRef(kind: "PodIdentityAssociation", name: child.name)
    }

    package static func parse(_ child: AWSFacts.Child) -> Fetched<PodIdentityAssociation> {
        child.value.flatMap { value in
            guard let namespace = value["namespace"]?.string, let account = value["serviceAccount"]?.string,
                  let role = value["roleArn"]?.string
            else {
                return .failure(DataGap("association \(child.name) lacks namespace, serviceAccount or roleArn"))
            }
            return .success(PodIdentityAssociation(
                id: child.name, arn: value["associationArn"]?.string, namespace: namespace, serviceAccount: account,
                roleARN: role, targetRoleARN: value["targetRoleArn"]?.string.flatMap { $0.isEmpty ? nil : $0 },
                disableSessionTags: value["disableSessionTags"]?.bool ?? false))
        }
    }
}

extension AWSFacts {
    /// Every association, each read or with why it could not be.
    package var associations: Fetched<[(child: Child, association: Fetched<PodIdentityAssociation>)]> {
        podIdentityAssociations.map { children in children.map { ($0, PodIdentityAssociation.parse($0)) } }
    }
}
