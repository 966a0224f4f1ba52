extension DockerfileCatalog {
    /// hadolint-equivalent rules of this group, sorted by code.
    static let hadolint1000: [Entry] = [
        Entry(DL1001InlineIgnorePragmaCheck()),
    ]
}
