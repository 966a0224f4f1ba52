import EKSGuardCore

/// Every cluster check, in ID order.
package enum AuditCatalog {
    package static let checks: [CheckDescriptor<ClusterFacts, AuditContext>] = [
        CheckDescriptor(AuditLogCheck()),
        CheckDescriptor(AL2EndOfSupportCheck()),
        CheckDescriptor(NodeOSAllowListCheck()),
        CheckDescriptor(CustomAMIProvenanceCheck()),
        CheckDescriptor(StaleAMICheck()),
        CheckDescriptor(VersionSkewCheck()),
        CheckDescriptor(InspectorEC2ScanningCheck()),
        CheckDescriptor(RemoteAccessSSHCheck()),
        CheckDescriptor(KeyPairCheck()),
        CheckDescriptor(SSHOpenToInternetCheck()),
        CheckDescriptor(SSMManagedNodesCheck()),
        CheckDescriptor(SessionManagerLoggingCheck()),
        CheckDescriptor(NodeAccessTrailCheck()),
        CheckDescriptor(ControlActionTrailCheck()),
        CheckDescriptor(BottlerocketAdminContainerCheck()),
        CheckDescriptor(UserDataSSHCheck()),
        CheckDescriptor(NodeShellRBACCheck()),
        CheckDescriptor(SSHPortContainerCheck()),
        CheckDescriptor(PublicEndpointOpenCheck()),
        CheckDescriptor(PublicEndpointEnabledCheck()),
        CheckDescriptor(PrivateEndpointCheck()),
        CheckDescriptor(BroadPublicCIDRCheck()),
        CheckDescriptor(PublicSubnetNodesCheck()),
        CheckDescriptor(PublicIPNodesCheck()),
        CheckDescriptor(InternetIngressCheck()),
        CheckDescriptor(ControlPlaneSubnetsCheck()),
        CheckDescriptor(NetworkPolicyEnforcementCheck()),
        CheckDescriptor(InternetFacingLoadBalancerCheck()),
        CheckDescriptor(SecretsEncryptionCheck()),
        CheckDescriptor(VersionSupportCheck()),
        CheckDescriptor(ClusterHealthCheck()),
        CheckDescriptor(DeletionProtectionCheck()),
        CheckDescriptor(ServerlessNodeScopeCheck()),
        CheckDescriptor(IMDSReachableCheck()),
        CheckDescriptor(HostNetworkPodsCheck()),
    ].sorted { $0.metadata.id < $1.metadata.id }

    package static var metadata: [CheckMetadata] { checks.map(\.metadata) }
}
