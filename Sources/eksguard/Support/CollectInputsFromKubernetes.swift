import ClusterCollect
import KubernetesAudit

/// The AWS resources a cluster's Kubernetes objects point at, for the collection to look up:
/// service accounts' IRSA roles and the ECR images pods run, by digest. Shared by `collect
/// --manifests` and the audit (which reads the same objects live or from files).
enum CollectInputsFromKubernetes {
    static let roleAnnotation = "eks.amazonaws.com/role-arn"

    /// Where pod templates sit in the workload kinds (a Pod's own spec, a Deployment's template, a CronJob's job template).
    static let podSpecPaths: [[String]] = [["spec"], ["spec", "template", "spec"], ["spec", "jobTemplate", "spec", "template", "spec"]]

    static func inputs(from objects: some Sequence<KubernetesObject>) -> CollectInputs {
        var inputs = CollectInputs()
        for object in objects {
            if object.kind == "ServiceAccount", object.group.isEmpty,
               let arn = object.root["metadata"]["annotations"][roleAnnotation].string.value, !arn.isEmpty {
                inputs.roleARNs.insert(arn)
            }
            for reference in imageReferences(object) {
                if let image = ECRImageReference.parse(reference), image.digest != nil { inputs.images.insert(image) }
            }
        }
        return inputs
    }

    /// Image references with a digest can name what runs: container specs pinned by digest, and a
    /// pod's container statuses (`imageID` is the digest the node pulled).
    static func imageReferences(_ object: KubernetesObject) -> [String] {
        var references: [String] = []
        for path in podSpecPaths {
            let spec = path.reduce(object.root) { $0[$1] }
            for list in ["containers", "initContainers", "ephemeralContainers"] {
                references += spec[list].items.compactMap { $0["image"].string.value }
            }
        }
        guard object.kind == "Pod", object.group.isEmpty else { return references }
        for list in ["containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses"] {
            references += object.root["status"][list].items.compactMap { $0["imageID"].string.value }
        }
        return references
    }
}
