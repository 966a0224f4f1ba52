import ClusterSnapshot
import EKSGuardCore
import Foundation
import KubernetesAudit

/// An image a pod runs, with the digest the kubelet resolved (`status.containerStatuses[].imageID`).
/// Running images are keyed by digest: a tag may have moved since the pod started.
package struct RunningImage: Sendable {
    package var pod: KubernetesObject
    package var container: String
    package var reference: ImageReference
    /// `sha256:…` from the container status or the reference itself; nil when neither has one.
    package var digest: String?
    package var ref: ResourceRef

    package var shown: String { "\(reference.location)\(digest.map { "@\($0)" } ?? (reference.tag.map { ":\($0)" } ?? ""))" }
}

extension KubernetesInventory {
    /// Every container image of every Pod (controllers' templates have no digests to check).
    package var runningImages: Fetched<[RunningImage]> {
        objects(Self.pod).map { pods in
            pods.compactMap(Workload.init).flatMap { pod -> [RunningImage] in
                var statuses: [String: String] = [:]
                for list in ["containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses"] {
                    for status in pod.object.root["status"][list].items {
                        if let name = status["name"].string.value, let id = status["imageID"].string.value,
                           let at = id.range(of: "sha256:") {
                            statuses[name] = String(id[at.lowerBound...])
                        }
                    }
                }
                return pod.containers.compactMap { container in
                    guard let image = container.cursor["image"].string.value else { return nil }
                    let reference = ImageReference(image)
                    return RunningImage(
                        pod: pod.object, container: container.name, reference: reference,
                        digest: statuses[container.name] ?? reference.digest,
                        ref: pod.ref(container.cursor["image"], container: container))
                }
            }
        }
    }
}
