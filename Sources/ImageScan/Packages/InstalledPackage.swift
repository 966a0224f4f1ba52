/// One OS package found in an image's package database.
public struct InstalledPackage: Sendable, Hashable {
    public enum Kind: String, Sendable { case deb, apk, rpm }

    public var kind: Kind
    public var name: String
    /// The full comparable version: dpkg `[epoch:]upstream-revision`, apk `V:`, rpm `[epoch:]version-release`.
    public var version: String
    public var architecture: String
    /// Source package (dpkg `Source:`, apk origin, source rpm name); the binary name when none is recorded.
    public var sourceName: String
    /// Source version (dpkg `Source: name (version)`); the binary version otherwise.
    public var sourceVersion: String
    /// The database file the package was read from.
    public var databasePath: String
    /// Index of the layer (base = 0) that holds the database entry.
    public var layer: Int
    public var license: String
    /// RHEL 8+ module stream the rpm was built for (`nodejs:18` from the MODULARITYLABEL header); nil
    /// for packages outside any module. Red Hat's advisories key modular packages on it.
    public var module: String?

    public init(kind: Kind, name: String, version: String, architecture: String, sourceName: String? = nil,
                sourceVersion: String? = nil, databasePath: String, layer: Int = 0, license: String = "", module: String? = nil) {
        self.kind = kind
        self.name = name
        self.version = version
        self.architecture = architecture
        self.sourceName = sourceName ?? name
        self.sourceVersion = sourceVersion ?? version
        self.databasePath = databasePath
        self.layer = layer
        self.license = license
        self.module = module
    }

    /// Package URL (purl) as SBOMs expect it.
    public func purl(os: OperatingSystem?) -> String {
        let namespace = os?.family.rawValue ?? "unknown"
        var qualifiers = ["arch=\(percentEncoded(architecture))"]
        if let os, !os.version.isEmpty { qualifiers.append("distro=\(namespace)-\(percentEncoded(os.version))") }
        return "pkg:\(kind.rawValue)/\(namespace)/\(percentEncoded(name))@\(percentEncoded(version))?\(qualifiers.joined(separator: "&"))"
    }

    private func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            if ASCII.isDigit(byte) || ASCII.isLetter(byte) || byte == 0x2E || byte == 0x2D || byte == 0x5F || byte == 0x7E {
                out.unicodeScalars.append(UnicodeScalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
