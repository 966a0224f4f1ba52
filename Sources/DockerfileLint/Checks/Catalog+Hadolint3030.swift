extension DockerfileCatalog {
    /// hadolint-equivalent rules of this group, sorted by code.
    static let hadolint3030: [Entry] = []
}
