import EKSGuardCore
import KubernetesAudit

/// What instance types a Karpenter `NodePool` (karpenter.sh/v1) may launch, from the requirements of its
/// node template: the requirement Karpenter offers for exactly this purpose, or the listed types or families.
package enum KarpenterInstanceConstraint: Sendable {
    /// `karpenter.k8s.aws/instance-encryption-in-transit-supported In [true]`.
    case encryptingOnly
    /// `node.kubernetes.io/instance-type In [...]` or `karpenter.k8s.aws/instance-family In [...]`.
    case listed([String])
    /// Nothing limits the types: Karpenter picks any type that fits.
    case anyType

    package static let nodePool = KubernetesInventory.Kind("karpenter.sh", "NodePool")

    /// The constraint and the field that states it (the requirements list when none does).
    package static func of(_ pool: KubernetesObject) -> (constraint: KarpenterInstanceConstraint, at: ResourceRef) {
        let requirements = pool.root["spec"]["template"]["spec"]["requirements"]
        func inValues(_ key: String) -> (values: [String], at: ResourceRef)? {
            for requirement in requirements.items where requirement["key"].string.value == key && requirement["operator"].string.value == "In" {
                let values = requirement["values"].stringList.value?.map(\.0) ?? []
                return (values, pool.resource.at(requirement.path, requirement.position))
            }
            return nil
        }
        if let flag = inValues("karpenter.k8s.aws/instance-encryption-in-transit-supported"), flag.values == ["true"] {
            return (.encryptingOnly, flag.at)
        }
        for key in ["node.kubernetes.io/instance-type", "karpenter.k8s.aws/instance-family"] {
            if let listed = inValues(key), !listed.values.isEmpty { return (.listed(listed.values), listed.at) }
        }
        return (.anyType, pool.resource.at(requirements.path, requirements.position))
    }
}
