extension DockerfileCatalog {
    /// hadolint-equivalent rules of this group, sorted by code. DL3031 and DL3039 were removed from
    /// hadolint; DL3043 (`ONBUILD ONBUILD`/`FROM`/`MAINTAINER`) is a parse error here, as in BuildKit,
    /// reported by the input check.
    static let hadolint3030: [Entry] = [
        Entry(DL3030YumYesCheck()),
        Entry(DL3032YumCleanCheck()),
        Entry(DL3033YumPinCheck()),
        Entry(DL3034ZypperNonInteractiveCheck()),
        Entry(DL3035ZypperDistUpgradeCheck()),
        Entry(DL3036ZypperCleanCheck()),
        Entry(DL3037ZypperPinCheck()),
        Entry(DL3038DnfYesCheck()),
        Entry(DL3040DnfCleanCheck()),
        Entry(DL3041DnfPinCheck()),
        Entry(DL3042PipNoCacheDirCheck()),
        Entry(DL3044EnvSelfReferenceCheck()),
        Entry(DL3045CopyRelativeDestinationCheck()),
        Entry(DL3046UseraddLongUidCheck()),
        Entry(DL3047WgetProgressCheck()),
        Entry(DL3048LabelKeyCheck()),
        Entry(DL3049MissingLabelCheck()),
    ]
}
