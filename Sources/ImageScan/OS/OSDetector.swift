import Foundation

/// Identifies the distribution from the release files of an image (os-release and the
/// distribution-specific files), preferring the most specific answer.
public enum OSDetector {
    static let osReleaseIDs: [String: OperatingSystem.Family] = [
        "debian": .debian, "ubuntu": .ubuntu, "alpine": .alpine, "wolfi": .wolfi, "chainguard": .chainguard,
        "amzn": .amazon, "rhel": .rhel, "centos": .centos, "almalinux": .almalinux, "rocky": .rocky, "ol": .oracle,
        "fedora": .fedora, "bottlerocket": .bottlerocket, "opensuse-leap": .opensuse, "opensuse": .opensuse,
        "opensuse-tumbleweed": .opensuse, "sles": .sles, "photon": .photon, "azurelinux": .azurelinux,
        "mariner": .mariner,
    ]
    /// Debian codenames for images on testing or unstable, whose os-release has no VERSION_ID.
    static let debianCodenames = ["buster": "10", "bullseye": "11", "bookworm": "12", "trixie": "13", "forky": "14"]

    public static func detect(_ files: ImageFiles) -> OperatingSystem? {
        let distroless = files[ImageFiles.dpkgStatus] == nil
            && files.files.keys.contains { $0.hasPrefix(ImageFiles.dpkgStatusFolder) }
        var os = fromOSRelease(files) ?? fromDistributionFiles(files)
        if var found = os {
            refine(&found, files)
            found.distroless = distroless
            os = found
        }
        return os
    }

    /// `KEY=value` lines with optional quotes, as in os-release(5) and lsb-release.
    static func keyValues(_ data: [UInt8]) -> [String: String] {
        var values: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let text = line.trimming(" \t")
            guard !text.hasPrefix("#"), let equals = text.firstIndex(of: "=") else { continue }
            var value = String(text[text.index(after: equals)...]).trimming(" \t")
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = String(value.dropFirst().dropLast())
            }
            values[String(text[..<equals])] = value
        }
        return values
    }

    static func firstLine(_ files: ImageFiles, _ path: String) -> String? {
        guard let data = files[path]?.data else { return nil }
        let line = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let trimmed = line.trimming(" \t\r")
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func fromOSRelease(_ files: ImageFiles) -> OperatingSystem? {
        guard let data = (files["etc/os-release"] ?? files["usr/lib/os-release"])?.data else { return nil }
        let values = keyValues(data)
        guard let id = values["ID"]?.lowercased(), let family = osReleaseIDs[id] else { return nil }
        var version = values["VERSION_ID"] ?? ""
        if family == .debian, version.isEmpty, let codename = values["VERSION_CODENAME"] {
            version = debianCodenames[codename] ?? codename
        }
        return OperatingSystem(family: family, version: version, prettyName: values["PRETTY_NAME"] ?? "")
    }

    /// Images without os-release (old or trimmed ones) still carry the distribution's own file.
    private static func fromDistributionFiles(_ files: ImageFiles) -> OperatingSystem? {
        if let version = firstLine(files, "etc/alpine-release") {
            return OperatingSystem(family: .alpine, version: version)
        }
        if let data = files["etc/lsb-release"]?.data {
            let values = keyValues(data)
            if values["DISTRIB_ID"]?.lowercased() == "ubuntu", let release = values["DISTRIB_RELEASE"] {
                return OperatingSystem(family: .ubuntu, version: release, prettyName: values["DISTRIB_DESCRIPTION"] ?? "")
            }
        }
        for path in ["etc/system-release", "usr/lib/system-release", "etc/redhat-release"] {
            if let line = firstLine(files, path), let os = fromReleaseLine(line) { return os }
        }
        if let version = firstLine(files, "etc/debian_version") {
            return OperatingSystem(family: .debian, version: debianCodenames[version.split(separator: "/").first.map(String.init) ?? ""] ?? version)
        }
        return nil
    }

    /// "Amazon Linux release 2 (Karoo)", "Rocky Linux release 9.3 (Blue Onyx)", "Fedora release 39 (…)".
    static func fromReleaseLine(_ line: String) -> OperatingSystem? {
        let words = line.split(separator: " ").map(String.init)
        guard let releaseIndex = words.firstIndex(of: "release"), releaseIndex + 1 < words.count else { return nil }
        let name = words[..<releaseIndex].joined(separator: " ").lowercased()
        let version = words[releaseIndex + 1]
        let family: OperatingSystem.Family
        switch name {
        case "amazon linux": family = .amazon
        case "amazon linux ami": return OperatingSystem(family: .amazon, version: "1", prettyName: line)
        case "rocky linux": family = .rocky
        case "almalinux": family = .almalinux
        case "oracle linux server", "oracle linux": family = .oracle
        case "fedora": family = .fedora
        case "centos linux", "centos", "centos stream": family = .centos
        case _ where name.hasPrefix("red hat enterprise linux"): family = .rhel
        default: return nil
        }
        return OperatingSystem(family: family, version: version, prettyName: line)
    }

    /// Point releases come from the distribution's own file (os-release says only `12` on Debian).
    private static func refine(_ os: inout OperatingSystem, _ files: ImageFiles) {
        switch os.family {
        case .debian:
            if let line = firstLine(files, "etc/debian_version"), let first = line.first, first.isNumber,
               line.hasPrefix(os.version.isEmpty ? "" : os.version) || os.version.isEmpty {
                os.version = line
            }
        case .alpine:
            if let line = firstLine(files, "etc/alpine-release") { os.version = line }
        case .rhel:
            os.contentSets = contentSets(files)
        default:
            break
        }
    }
}

extension OSDetector {
    private struct ContentManifest: Decodable {
        var content_sets: [String]?
    }

    /// The union of the content sets of every content manifest, sorted. A manifest that is not the
    /// expected JSON is passed over: the matcher then falls back to the release's main repositories.
    static func contentSets(_ files: ImageFiles) -> [String] {
        var sets = Set<String>()
        for (path, file) in files.files where path.hasPrefix(ImageFiles.contentManifestFolder) {
            guard let manifest = try? JSONDecoder().decode(ContentManifest.self, from: Data(file.data)) else { continue }
            sets.formUnion(manifest.content_sets ?? [])
        }
        return sets.sorted()
    }
}

extension StringProtocol {
    func trimming(_ set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
