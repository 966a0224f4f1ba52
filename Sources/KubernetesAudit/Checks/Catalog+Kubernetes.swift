import EKSGuardCore

/// Every workload check, sorted by ID, with the Pod Security control each implements.
package enum KubernetesCatalog {
    package struct Entry: Sendable {
        package let descriptor: CheckDescriptor<Workload, KubernetesContext>
        package let podSecurity: PodSecurityControl?

        init<C: KubernetesCheck>(_ check: C) {
            descriptor = CheckDescriptor(check)
            podSecurity = C.podSecurity
        }

        package var metadata: CheckMetadata { descriptor.metadata }
    }

    package static let entries: [Entry] = [
        Entry(ImageTagCheck()),
        Entry(ServiceAccountTokenCheck()),
        Entry(RunAsNonRootCheck()),
        Entry(AllowPrivilegeEscalationCheck()),
        Entry(CapabilitiesRestrictedCheck()),
        Entry(PrivilegedContainerCheck()),
        Entry(HostNamespacesCheck()),
        Entry(HostPathVolumesCheck()),
        Entry(ReadOnlyRootFilesystemCheck()),
        Entry(SeccompProfileRestrictedCheck()),
        Entry(MemoryLimitCheck()),
        Entry(DefaultNamespaceCheck()),
        Entry(CapabilitiesBaselineCheck()),
        Entry(HostPortsCheck()),
        Entry(AppArmorProfileCheck()),
        Entry(SELinuxOptionsCheck()),
        Entry(ProcMountCheck()),
        Entry(SeccompProfileBaselineCheck()),
        Entry(SysctlsCheck()),
        Entry(WindowsHostProcessCheck()),
        Entry(HostProbesCheck()),
        Entry(RestrictedVolumesCheck()),
        Entry(RunAsUserCheck()),
        Entry(ProcMountRestrictedCheck()),
    ]

    /// The metadata of every check this domain reports, the input check included.
    package static var metadata: [CheckMetadata] {
        entries.map(\.metadata) + [ManifestReadabilityCheck.metadata]
    }

    package static let inputCheck = ManifestReadabilityCheck.metadata

    /// The newest policy version any control changes at: what `latest` means (v1.37 upstream).
    package static let newestPodSecurityVersion: PodSecurityVersion =
        entries.compactMap { $0.podSecurity?.revisions.last }.max() ?? .v1(0)

    /// The checks that run for a level and version, given which checks the user selected.
    ///
    /// Pod Security controls outside the level or newer than the version are left out, and so is
    /// a baseline control that a selected restricted control replaces at this version (upstream
    /// reports only the restricted one; its findings carry both references).
    package static func active(
        level: PodSecurityLevel, version: PodSecurityVersion, selected: (CheckMetadata) -> Bool
    ) -> [Entry] {
        let chosen = entries.filter { selected($0.metadata) }
        let replaced = Set(chosen.compactMap(\.podSecurity)
            .filter { $0.applies(level: level, version: version) }
            .flatMap(\.replaces))
        return chosen.filter { entry in
            guard let control = entry.podSecurity else { return true }
            return control.applies(level: level, version: version) && !replaced.contains(control.id)
        }
    }
}
