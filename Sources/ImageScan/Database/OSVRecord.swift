/// The parts of an OSV record (schema 1.x) the scanner uses.
struct OSVRecord: Decodable {
    struct Severity: Decodable {
        var type: String
        var score: String
    }
    struct Affected: Decodable {
        struct Package: Decodable {
            var ecosystem: String
            var name: String
        }
        struct Range: Decodable {
            var type: String
            var events: [RangeEvent]
        }
        var package: Package?
        var ranges: [Range]?
        var versions: [String]?
        var severity: [Severity]?
        var ecosystem_specific: Specific?
        var database_specific: Specific?
        /// Set by converters (CSAF) when only some of the record's CVEs concern this package; not an OSV field.
        var aliases: [String]?

        private enum CodingKeys: String, CodingKey {
            case package, ranges, versions, severity, ecosystem_specific, database_specific
        }
    }
    /// Free-form objects; the few string keys we read (`urgency`, `severity`, `ubuntu_priority`).
    struct Specific: Decodable {
        var urgency: String?
        var severity: String?
        var ubuntu_priority: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            func text(_ key: String) -> String? { try? container.decodeIfPresent(String.self, forKey: AnyKey(key)) }
            urgency = text("urgency")
            severity = text("severity")
            ubuntu_priority = text("ubuntu_priority")
        }
    }
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    var id: String
    var modified: String?
    var published: String?
    var withdrawn: String?
    var summary: String?
    var details: String?
    var aliases: [String]?
    var upstream: [String]?
    var related: [String]?
    var severity: [Severity]?
    var affected: [Affected]?
    var database_specific: Specific?

    /// CVE and other identifiers this record stands for: aliases, upstream, and (AlmaLinux puts CVEs
    /// there) related CVE ids.
    var identifiers: [String] {
        var ids = (aliases ?? []) + (upstream ?? [])
        ids += (related ?? []).filter { $0.hasPrefix("CVE-") }
        var seen = Set<String>()
        return ids.filter { $0 != id && seen.insert($0).inserted }
    }

    /// Severity type of records we convert (CSAF) that carry only the vendor's own label ("Important").
    static let vendorRating = "VENDOR"

    /// A record's severity and, when it came from a CVSS vector, the score and the vector.
    struct Rating {
        var severity: VulnerabilitySeverity
        var score: Double?
        var vector: String?
    }

    /// Severity from the best evidence: a CVSS vector we score, the newest CVSS version first (v4.0, then
    /// v3.x, then v2, as CVSS consumers prefer the current version), else the distribution's rating.
    /// Vectors that could not be scored on the way are added to `unscored`.
    static func rate(_ severities: [Severity]?, specific: [Specific?], unscored: inout [CVSSError]) -> Rating? {
        for type in CVSS.osvTypes {
            for entry in severities ?? [] where entry.type == type {
                do throws(CVSSError) {
                    let result = try CVSS.score(osvType: type, vector: entry.score)
                    return Rating(severity: result.severity, score: result.score, vector: entry.score)
                } catch {
                    unscored.append(error)
                }
            }
        }
        for entry in severities ?? [] where entry.type.lowercased() == "ubuntu" || entry.type == vendorRating {
            let rating = VulnerabilitySeverity(label: entry.score)
            if rating != .unknown { return Rating(severity: rating) }
        }
        for case let item? in specific {
            for label in [item.severity, item.ubuntu_priority, item.urgency].compactMap({ $0 }) {
                let rating = VulnerabilitySeverity(label: label)
                if rating != .unknown { return Rating(severity: rating) }
            }
        }
        return nil
    }
}
