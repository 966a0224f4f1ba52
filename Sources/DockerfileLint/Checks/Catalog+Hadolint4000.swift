extension DockerfileCatalog {
    /// hadolint-equivalent rules of this group, sorted by code.
    static let hadolint4000: [Entry] = [
        Entry(DL4000MaintainerDeprecatedCheck()),
        Entry(DL4001WgetAndCurlCheck()),
        Entry(DL4003MultipleCmdCheck()),
        Entry(DL4004MultipleEntrypointCheck()),
        Entry(DL4005LinkBinShCheck()),
        Entry(DL4006PipefailCheck()),
    ]
}
