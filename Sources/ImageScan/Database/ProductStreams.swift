import Foundation

/// Red Hat splits its advisories by product stream, named by CPE; OSV's `Red Hat:` ecosystems are those
/// CPEs without the `cpe:/o:redhat:` or `cpe:/a:redhat:` prefix, and the CSAF importer names streams the
/// same way, so both sources land in the same ecosystems.
enum RedHatStreams {
    /// `cpe:/a:redhat:enterprise_linux:9::appstream` → `Red Hat:enterprise_linux:9::appstream`.
    static func ecosystem(cpe: String) -> String? {
        for prefix in ["cpe:/o:redhat:", "cpe:/a:redhat:"] where cpe.hasPrefix(prefix) {
            let rest = cpe.dropFirst(prefix.count)
            return rest.isEmpty ? nil : "Red Hat:\(rest)"
        }
        return nil
    }

    /// The streams whose advisories apply to a RHEL (or UBI) image: the streams of its content sets
    /// when it has content manifests, else the release's main repositories; plus, for RHEL ≤ 9, the
    /// release-wide product that Red Hat's VEX files use for packages without a fix.
    static func ecosystems(version: String, contentSets: [String]) -> [String] {
        let parts = version.split(separator: ".").map(String.init)
        guard let major = parts.first.flatMap(Int.init) else { return [] }
        let minor = parts.count > 1 ? Int(parts[1]) : nil
        var streams = contentSets.compactMap { stream(contentSet: $0, minor: minor) }
        if streams.isEmpty { streams = defaultStreams(major: major, minor: minor) }
        if major <= 9 { streams.append("Red Hat:enterprise_linux:\(major)") }
        var seen = Set<String>()
        return streams.filter { seen.insert($0).inserted }
    }

    /// BaseOS and AppStream for RHEL 8 and 9, the Server variant for RHEL 7; from RHEL 10 on the CPEs
    /// carry the minor release and no variant, and every minor up to the image's applies (a package not
    /// rebuilt since 10.0 is still covered by the 10.0 advisories).
    static func defaultStreams(major: Int, minor: Int?) -> [String] {
        switch major {
        case ..<7: return []
        case 7: return ["Red Hat:enterprise_linux:7::server"]
        case 8, 9: return ["Red Hat:enterprise_linux:\(major)::baseos", "Red Hat:enterprise_linux:\(major)::appstream"]
        default: return (0...(minor ?? 0)).map { "Red Hat:enterprise_linux:\(major).\($0)" }
        }
    }

    /// A content set (repository id) as Red Hat's repository-to-CPE mapping names its stream, for the main
    /// RHEL repositories: `rhel-9-for-x86_64-baseos-rpms` → `enterprise_linux:9::baseos`,
    /// `rhel-9-for-x86_64-appstream-eus-rpms__9_DOT_4` → `rhel_eus:9.4::appstream`,
    /// `codeready-builder-for-rhel-9-x86_64-rpms` → `enterprise_linux:9::crb`, `rhel-7-server-rpms` →
    /// `enterprise_linux:7::server`. Other repositories (layered products, debug and source sets) give nil.
    static func stream(contentSet: String, minor imageMinor: Int?) -> String? {
        var name = Substring(contentSet.lowercased())
        var minor = imageMinor
        // Repository ids of extended-support sets can end in the release they are pinned to: `__9_DOT_4`.
        if let marker = name.range(of: "__") {
            let pinned = name[marker.upperBound...].split(separator: "_")
            if pinned.count == 3, pinned[1] == "dot", let value = Int(pinned[2]) { minor = value }
            name = name[..<marker.lowerBound]
        }
        guard !name.contains("debug"), !name.contains("source"), name.hasSuffix("-rpms") else { return nil }
        let words = name.split(separator: "-")
        guard let index = words.firstIndex(where: { $0 == "rhel" || $0 == "ubi" }), index + 1 < words.count,
              let major = Int(words[index + 1]) else { return nil }
        let variant: String
        if words.contains("baseos") {
            variant = "baseos"
        } else if words.contains("appstream") {
            variant = "appstream"
        } else if name.hasPrefix("codeready-builder") {
            variant = "crb"
        } else if major == 7, words.contains("server"), words.count == 4 {
            variant = "server"
        } else {
            return nil
        }
        let support = ["eus", "aus", "e4s", "tus"].first { words.contains(Substring($0)) }
        if major >= 10 {
            guard let minor else { return nil }
            return support.map { "Red Hat:enterprise_linux_\($0):\(major).\(minor)" } ?? "Red Hat:enterprise_linux:\(major).\(minor)"
        }
        if let support {
            guard let minor else { return nil }
            return "Red Hat:rhel_\(support):\(major).\(minor)::\(variant)"
        }
        return "Red Hat:enterprise_linux:\(major)::\(variant)"
    }
}

/// SUSE names ecosystems after the product's marketing name without the vendor word, in OSV
/// (`SUSE:Linux Enterprise Server 15 SP5`, `openSUSE:Leap 15.5`) as in its CSAF product names
/// (`SUSE Linux Enterprise Server 15 SP5`). Packages of SLE are filed under the module that ships them
/// (`SUSE:Linux Enterprise Module for Basesystem 15 SP5`), and past general support under `…-LTSS`.
enum SUSEProducts {
    /// A CSAF product name as an ecosystem: `SUSE Linux Enterprise Server 15 SP5` →
    /// `SUSE:Linux Enterprise Server 15 SP5`, `openSUSE Leap 15.5` → `openSUSE:Leap 15.5`.
    static func ecosystem(productName: String) -> String {
        if productName.hasPrefix("openSUSE ") { return "openSUSE:" + productName.dropFirst("openSUSE ".count) }
        if productName.hasPrefix("SUSE ") { return "SUSE:" + productName.dropFirst("SUSE ".count) }
        return "SUSE:" + productName
    }

    /// `15.5` → `15 SP5`, `15` or `15.0` → `15`, as SUSE writes service packs.
    static func servicePack(_ version: String) -> String? {
        let parts = version.split(separator: ".")
        guard let major = parts.first, Int(major) != nil else { return nil }
        guard parts.count > 1, let pack = Int(parts[1]), pack > 0 else { return String(major) }
        return "\(major) SP\(pack)"
    }

    /// Whether an ecosystem's advisories apply to a SLES release: the Server products and every
    /// `Module for …` of the same service pack, with or without the `-LTSS` suffix.
    static func applies(_ ecosystem: String, toServicePack pack: String) -> Bool {
        guard ecosystem.hasPrefix("SUSE:Linux Enterprise Server ") || ecosystem.hasPrefix("SUSE:Linux Enterprise Module for ") else {
            return false
        }
        let release = ecosystem.hasSuffix("-LTSS") ? ecosystem.dropLast("-LTSS".count) : Substring(ecosystem)
        return release.hasSuffix(" " + pack)
    }

    /// openSUSE's ecosystem from os-release: `openSUSE Leap 15.5` → `openSUSE:Leap 15.5`,
    /// `openSUSE Tumbleweed` → `openSUSE:Tumbleweed`.
    static func openSUSEEcosystem(_ os: OperatingSystem) -> String {
        if os.prettyName.hasPrefix("openSUSE ") { return ecosystem(productName: os.prettyName) }
        // Tumbleweed's VERSION_ID is a snapshot date; Leap's is its release.
        return os.version.count == 8 && os.version.allSatisfy(\.isNumber) ? "openSUSE:Tumbleweed" : "openSUSE:Leap \(os.version)"
    }
}
