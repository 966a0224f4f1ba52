import ClusterAudit
import DockerfileLint
import EKSGuardCore
import ImageScan
import KubernetesAudit
import NodeBenchmark

/// The catalog of every domain this build has.
enum AllChecks {
    static let catalog = Catalog(
        KubernetesCatalog.metadata + DockerfileCatalog.metadata + ImageCatalog.metadata + NodeCatalog.metadata
            + AuditCatalog.metadata)
}
