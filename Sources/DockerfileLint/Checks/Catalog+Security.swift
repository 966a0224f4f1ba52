extension DockerfileCatalog {
    /// eksguard's own security rules (catalog EKS-DKR-001…), sorted by ID.
    static let security: [Entry] = [
        Entry(FinalStageRootUserCheck()),
        Entry(BaseImageDigestCheck()),
        Entry(RemoteAddChecksumCheck()),
        Entry(SecretInImageCheck()),
        Entry(SSHServerCheck()),
        Entry(CompilerInFinalImageCheck()),
        Entry(HealthcheckMissingCheck()),
        Entry(RemoteScriptExecutionCheck()),
        Entry(TLSVerificationDisabledCheck()),
        Entry(UnsignedPackageCheck()),
        Entry(WorldWritableSystemPathCheck()),
        Entry(NonSlimBaseImageCheck()),
    ]
}
