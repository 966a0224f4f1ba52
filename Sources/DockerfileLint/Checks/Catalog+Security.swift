extension DockerfileCatalog {
    /// eksguard's own security rules (catalog EKS-DKR-001…).
    static let security: [Entry] = []
}
