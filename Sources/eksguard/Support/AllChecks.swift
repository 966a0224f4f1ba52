import DockerfileLint
import EKSGuardCore
import ImageScan
import KubernetesAudit

/// The catalog of every domain this build has.
enum AllChecks {
    static let catalog = Catalog(KubernetesCatalog.metadata + DockerfileCatalog.metadata + ImageCatalog.metadata)
}
