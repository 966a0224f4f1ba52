/// The distribution an image is built on, as far as vulnerability data is concerned.
public struct OperatingSystem: Sendable, Equatable, CustomStringConvertible {
    public enum Family: String, Sendable, CaseIterable {
        case debian, ubuntu, alpine, wolfi, chainguard, amazon, rhel, centos, almalinux, rocky, oracle, fedora
        case bottlerocket, opensuse, sles, photon, azurelinux, mariner

        /// The version ordering of the family's packages.
        public var scheme: VersionScheme {
            switch self {
            case .debian, .ubuntu: return .dpkg
            case .alpine, .wolfi, .chainguard: return .apk
            default: return .rpm
            }
        }
    }

    public var family: Family
    /// The version as the image states it (`12.5`, `3.19.1`, `2023.3.20240108`).
    public var version: String
    public var prettyName: String
    /// Debian-based image without a dpkg `status` file, only per-package `status.d` entries (distroless).
    public var distroless: Bool
    /// Red Hat repositories (content sets) the image was built from, from its content manifests
    /// (`/root/buildinfo/content_manifests/*.json`); they name the product streams whose advisories apply.
    public var contentSets: [String]

    public init(family: Family, version: String, prettyName: String = "", distroless: Bool = false, contentSets: [String] = []) {
        self.family = family
        self.version = version
        self.prettyName = prettyName
        self.distroless = distroless
        self.contentSets = contentSets
    }

    public var description: String { prettyName.isEmpty ? "\(family.rawValue) \(version)" : prettyName }

    /// The release granularity vulnerability data is keyed on: Debian and RHEL-likes by major version,
    /// Alpine by major.minor, Ubuntu by YY.MM, Amazon Linux by 1, 2, 2022 or 2023.
    public var release: String {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch family {
        case .alpine, .ubuntu, .photon, .azurelinux, .mariner:
            return parts.prefix(2).joined(separator: ".")
        case .amazon:
            return parts.first ?? version
        case .wolfi, .chainguard, .bottlerocket:
            return ""
        case .opensuse, .sles:
            return version
        default:
            return parts.first ?? version
        }
    }
}
