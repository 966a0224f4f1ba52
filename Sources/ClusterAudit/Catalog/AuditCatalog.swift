import EKSGuardCore

/// Every cluster check, in ID order.
package enum AuditCatalog {
    package static let checks: [CheckDescriptor<ClusterFacts, AuditContext>] = [
        CheckDescriptor(AuditLogCheck()),
        CheckDescriptor(AllLogTypesCheck()),
        CheckDescriptor(LogRetentionCheck()),
        CheckDescriptor(LogEncryptionCheck()),
        CheckDescriptor(LogDetectionCheck()),
        CheckDescriptor(GuardDutyProtectionCheck()),
        CheckDescriptor(InstanceEncryptionCheck()),
        CheckDescriptor(VPCEncryptionControlCheck()),
        CheckDescriptor(MeshCoverageCheck()),
        CheckDescriptor(IstioMutualTLSCheck()),
        CheckDescriptor(LinkerdBypassCheck()),
        CheckDescriptor(AppMeshCheck()),
        CheckDescriptor(CNIEncryptionCheck()),
        CheckDescriptor(LoadBalancerTLSCheck()),
        CheckDescriptor(EastWestEncryptionCheck()),
    ].sorted { $0.metadata.id < $1.metadata.id }

    package static var metadata: [CheckMetadata] { checks.map(\.metadata) }
}
