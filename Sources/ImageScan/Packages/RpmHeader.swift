/// An rpm header blob as stored in the rpm databases (no lead, no signature header): an index of
/// `(tag, type, offset, count)` entries followed by a data area, all big-endian.
struct RpmHeader {
    enum Tag: Int32 {
        case name = 1000, version = 1001, release = 1002, epoch = 1003, arch = 1022, license = 1014
        case sourceRPM = 1044, modularityLabel = 5096
    }

    private var strings: [Int32: String] = [:]
    private var integers: [Int32: Int] = [:]

    static let maximumEntries = 1 << 16
    static let maximumData = 256 << 20

    init(_ blob: ArraySlice<UInt8>, path: String) throws {
        let reader = ByteReader(bytes: Array(blob), bigEndian: true, path: path)
        let entryCount = Int(try reader.u32(0)), dataLength = Int(try reader.u32(4))
        guard entryCount <= Self.maximumEntries, dataLength <= Self.maximumData else {
            throw ImageScanError.malformed(path: path, reason: "header blob claims \(entryCount) entries and \(dataLength) data bytes")
        }
        let dataStart = 8 + 16 * entryCount
        guard dataStart + dataLength <= reader.bytes.count else {
            throw ImageScanError.malformed(path: path, reason: "header blob shorter than its index says")
        }
        let wanted = Set([Tag.name, .version, .release, .epoch, .arch, .license, .sourceRPM, .modularityLabel].map(\.rawValue))
        for index in 0..<entryCount {
            let base = 8 + 16 * index
            let tag = Int32(bitPattern: try reader.u32(base))
            guard wanted.contains(tag) else { continue }
            let type = try reader.u32(base + 4)
            let offset = Int(Int32(bitPattern: try reader.u32(base + 8)))
            guard offset >= 0, offset < dataLength else {
                throw ImageScanError.malformed(path: path, reason: "header entry \(tag) points outside the data area")
            }
            switch type {
            case 6, 8, 9:
                // STRING, STRING_ARRAY and I18NSTRING: the first NUL-terminated string is what we need.
                let data = reader.bytes[(dataStart + offset)..<(dataStart + dataLength)]
                guard let end = data.firstIndex(of: 0) else {
                    throw ImageScanError.malformed(path: path, reason: "header string \(tag) is not terminated")
                }
                strings[tag] = String(decoding: data[..<end], as: UTF8.self)
            case 4:
                integers[tag] = Int(try reader.u32(dataStart + offset))
            default:
                continue
            }
        }
    }

    func string(_ tag: Tag) -> String? { strings[tag.rawValue] }
    func integer(_ tag: Tag) -> Int? { integers[tag.rawValue] }

    /// The package, or nil for rpm's `gpg-pubkey` pseudo-packages (they have no architecture).
    func package(path: String, layer: Int) throws -> InstalledPackage? {
        guard let name = string(.name), let version = string(.version), let release = string(.release) else {
            throw ImageScanError.malformed(path: path, reason: "header without name, version or release")
        }
        if name == "gpg-pubkey" && string(.arch) == nil { return nil }
        // Epoch 0 is the same as none; leaving it out keeps versions as rpm -q and other scanners print them.
        let epoch = integer(.epoch).flatMap { $0 == 0 ? nil : $0 }
        let evr = RpmVersion(epoch: epoch, version: version, release: release).description
        var sourceName: String?
        var sourceVersion: String?
        if let source = string(.sourceRPM).flatMap(Self.splitSourceRPM) {
            sourceName = source.name
            sourceVersion = RpmVersion(epoch: epoch, version: source.version, release: source.release).description
        }
        return InstalledPackage(
            kind: .rpm, name: name, version: evr, architecture: string(.arch) ?? "", sourceName: sourceName,
            sourceVersion: sourceVersion, databasePath: path, layer: layer, license: string(.license) ?? "",
            module: string(.modularityLabel).flatMap(Self.moduleStream))
    }

    /// `nodejs:18:8090020240110100344:a75119d5` (name:stream:version:context) → `nodejs:18`.
    static func moduleStream(_ label: String) -> String? {
        let parts = label.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return "\(parts[0]):\(parts[1])"
    }

    /// `openssl-3.0.7-27.el9.src.rpm` → (openssl, 3.0.7, 27.el9).
    static func splitSourceRPM(_ file: String) -> (name: String, version: String, release: String)? {
        var base = Substring(file)
        guard base.hasSuffix(".rpm") else { return nil }
        base = base.dropLast(4)
        guard let dot = base.lastIndex(of: ".") else { return nil }
        base = base[..<dot]
        guard let releaseDash = base.lastIndex(of: "-") else { return nil }
        let release = base[base.index(after: releaseDash)...]
        base = base[..<releaseDash]
        guard let versionDash = base.lastIndex(of: "-") else { return nil }
        let version = base[base.index(after: versionDash)...]
        let name = base[..<versionDash]
        guard !name.isEmpty, !version.isEmpty, !release.isEmpty else { return nil }
        return (String(name), String(version), String(release))
    }
}
