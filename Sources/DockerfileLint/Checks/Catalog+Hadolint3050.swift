extension DockerfileCatalog {
    /// hadolint-equivalent rules of this group, sorted by code.
    static let hadolint3050: [Entry] = []
}
