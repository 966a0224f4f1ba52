import EKSGuardCore

/// Every cluster check, in ID order.
package enum AuditCatalog {
    package static let checks: [CheckDescriptor<ClusterFacts, AuditContext>] = [
        CheckDescriptor(AuditLogCheck()),
        CheckDescriptor(OIDCProviderCheck()),
        CheckDescriptor(IRSASubjectConditionCheck()),
        CheckDescriptor(IRSAWildcardSubjectCheck()),
        CheckDescriptor(IRSAAudienceCheck()),
        CheckDescriptor(IRSAConditionEffectCheck()),
        CheckDescriptor(PodIdentityTrustCheck()),
        CheckDescriptor(PodIdentityAgentCheck()),
        CheckDescriptor(PodIdentitySessionCheck()),
        CheckDescriptor(NodeRolePrivilegeCheck()),
        CheckDescriptor(NodeRoleSSMCheck()),
        CheckDescriptor(CNIRoleCheck()),
        CheckDescriptor(AddonRoleCheck()),
        CheckDescriptor(SharedRoleCheck()),
        CheckDescriptor(StaticAWSKeysCheck()),
        CheckDescriptor(AuthenticationModeCheck()),
        CheckDescriptor(SystemMastersCheck()),
        CheckDescriptor(ClusterAdminAccessCheck()),
        CheckDescriptor(ClusterAdminBindingCheck()),
        CheckDescriptor(RBACLeastPrivilegeCheck()),
        CheckDescriptor(RegistryScanCoverageCheck()),
        CheckDescriptor(BasicScanEngineCheck()),
        CheckDescriptor(InspectorScanningCheck()),
        CheckDescriptor(RunningImageScanCheck()),
        CheckDescriptor(ApprovedRegistryCheck()),
        CheckDescriptor(TagMutabilityCheck()),
        CheckDescriptor(RepositoryPolicyCheck()),
        CheckDescriptor(NodeRoleECRWriteCheck()),
        CheckDescriptor(LifecyclePolicyCheck()),
        CheckDescriptor(RepositoryEncryptionCheck()),
        CheckDescriptor(SignatureEnforcementCheck()),
    ].sorted { $0.metadata.id < $1.metadata.id }

    package static var metadata: [CheckMetadata] { checks.map(\.metadata) }
}
