import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Oracle Linux advisories (ELSA) from Oracle's OVAL definitions (`com.oracle.elsa-all.xml`, or a year's
/// file), turned into OSV-shaped records in `Oracle Linux:<major>`: one record per definition, id = the
/// ELSA id, fixes from the criteria. Oracle writes each criterion's meaning in its comment, and the
/// comments are what is read: `Oracle Linux 9 is installed`, `openssl is earlier than 1:3.0.7-25.0.1.el9_3`,
/// `Module nodejs:18 is enabled` (EL8 module advisories: the packages are stored as `nodejs:18::name`);
/// architecture and signing-key criteria are not needed (one EVR per build on every architecture).
enum OracleOVAL {
    /// Whether an XML document is OVAL rather than yum's updateinfo.
    static func isOVAL(_ data: [UInt8]) -> Bool {
        data.prefix(4096).firstRange(of: Array("<oval_definitions".utf8)) != nil
    }

    static func parse(_ data: [UInt8], name: String) throws -> [OSVRecord] {
        let reader = Reader()
        try XMLReading.parse(data, name: name, delegate: reader, expected: "an OVAL document")
        // libxml2 reports no error for a document that simply stops; a cut-off download must not pass as complete.
        guard reader.complete else { throw ImageScanError.malformed(path: name, reason: "not an OVAL document: it ends before </oval_definitions>") }
        return reader.records
    }

    /// What one criterion comment says, if it is one of the kinds that matter.
    enum Criterion: Equatable {
        case release(String)
        case earlier(package: String, evr: String)
        case module(String)

        init?(comment: String) {
            let words = comment.split(separator: " ").map(String.init)
            if words.count == 5, words[0] == "Oracle", words[1] == "Linux", words[3] == "is", words[4] == "installed", Int(words[2]) != nil {
                self = .release(words[2])
            } else if words.count == 5, words[1] == "is", words[2] == "earlier", words[3] == "than" {
                self = .earlier(package: words[0], evr: CSAFImport.normalized(epoch: nil, versionRelease: words[4]))
            } else if words.count == 4, words[0] == "Module", words[2] == "is", words[3] == "enabled" {
                guard let stream = RpmHeader.moduleStream(words[1]) else { return nil }
                self = .module(stream)
            } else {
                return nil
            }
        }
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var records: [OSVRecord] = []
        var complete = false
        private var current: OSVRecord?
        private var criteria: [Criterion] = []
        private var cves: [String] = []
        private var vector: (score: Double, text: String)?
        private var severityLabel: String?
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            text = ""
            switch element {
            case "definition":
                current = OSVRecord(id: "")
                criteria = []
                cves = []
                vector = nil
                severityLabel = nil
            case "reference":
                if attributes["source"] == "elsa", let id = attributes["ref_id"] { current?.id = id }
                if attributes["source"] == "CVE", let id = attributes["ref_id"], !cves.contains(id) { cves.append(id) }
            case "issued":
                current?.published = attributes["date"]
            case "updated":
                current?.modified = attributes["date"]
            case "cve":
                // cvss3="7.8/CVSS:3.1/AV:L/…": the base score, then the vector.
                if let value = attributes["cvss3"], let slash = value.firstIndex(of: "/") {
                    let candidate = String(value[value.index(after: slash)...])
                    if let score = CVSS3.baseScore(candidate), score > (vector?.score ?? -1) { vector = (score, candidate) }
                }
            case "criterion":
                if current != nil, let comment = attributes["comment"], let criterion = Criterion(comment: comment) { criteria.append(criterion) }
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            switch element {
            case "oval_definitions": complete = true
            case "title": current?.summary = value
            case "severity": severityLabel = value
            case "definition":
                guard var record = current, record.id.hasPrefix("ELSA-") else { return }
                record.aliases = cves
                if let vector {
                    record.severity = [OSVRecord.Severity(type: "CVSS_V3", score: vector.text)]
                } else if let severityLabel {
                    record.severity = [OSVRecord.Severity(type: OSVRecord.vendorRating, score: severityLabel)]
                }
                let releases = criteria.compactMap { if case let .release(release) = $0 { return release } else { return nil } }
                let module = criteria.lazy.compactMap { if case let .module(stream) = $0 { return stream } else { return nil } }.first
                var fixes: [String: String] = [:]
                for case let .earlier(package, evr) in criteria {
                    let key = module.map { "\($0)::\(package)" } ?? package
                    if fixes[key].map({ RpmVersion($0).compare(to: RpmVersion(evr)) < 0 }) ?? true { fixes[key] = evr }
                }
                record.affected = releases.flatMap { release in
                    fixes.sorted { $0.key < $1.key }.map { name, fixed in
                        OSVRecord.Affected(package: .init(ecosystem: "Oracle Linux:\(release)", name: name),
                                           ranges: [.init(type: "ECOSYSTEM", events: [.introduced("0"), .fixed(fixed)])])
                    }
                }
                if !(record.affected ?? []).isEmpty { records.append(record) }
                current = nil
            default:
                break
            }
        }
    }
}
