extension DockerfileCatalog {
    /// hadolint-equivalent rules of this group, sorted by code.
    static let hadolint3050: [Entry] = [
        Entry(DL3050SuperfluousLabelCheck()),
        Entry(DL3051EmptyLabelCheck()),
        Entry(DL3052LabelURLCheck()),
        Entry(DL3053LabelTimeCheck()),
        Entry(DL3054LabelSPDXCheck()),
        Entry(DL3055LabelGitHashCheck()),
        Entry(DL3056LabelSemVerCheck()),
        Entry(DL3057HealthcheckMissingCheck()),
        Entry(DL3058LabelEmailCheck()),
        Entry(DL3059ConsecutiveRunCheck()),
        Entry(DL3060YarnCacheCleanCheck()),
        Entry(DL3061InstructionOrderCheck()),
        Entry(DL3062GoPinCheck()),
        Entry(DL3063ReservedStageNameCheck()),
        Entry(DL3064SensitiveArgEnvCheck()),
        Entry(DL3065TargetPlatformCheck()),
        Entry(DL3066NumericUserCheck()),
        Entry(DL3067CopyRootFilesystemCheck()),
    ]
}
