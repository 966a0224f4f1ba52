import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Amazon Linux advisories (ALAS) in yum's `updateinfo.xml`, turned into OSV-shaped records: one
/// `Amazon Linux:<release>` entry per binary package, affected below the advisory's version.
enum UpdateInfo {
    /// `ALAS2-…` → 2, `ALAS2023-…` → 2023, `ALAS2022-…` → 2022, `ALAS-…` → 1 (Amazon Linux AMI).
    static func release(ofAdvisory id: String) -> String? {
        guard id.hasPrefix("ALAS") else { return nil }
        let rest = id.dropFirst(4)
        let digits = rest.prefix { $0.isNumber }
        guard rest.dropFirst(digits.count).first == "-" else { return nil }
        return digits.isEmpty ? "1" : String(digits)
    }

    static func parse(_ data: [UInt8], name: String) throws -> [OSVRecord] {
        let reader = Reader()
        try XMLReading.parse(data, name: name, delegate: reader, expected: "an updateinfo.xml document")
        return reader.records
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var records: [OSVRecord] = []
        private var current: OSVRecord?
        private var packages: [String: String] = [:]
        private var text = ""
        private var severityLabel: String?

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            text = ""
            switch element {
            case "update":
                current = OSVRecord(id: "", aliases: [])
                packages = [:]
                severityLabel = nil
            case "issued":
                current?.published = attributes["date"]
            case "updated":
                current?.modified = attributes["date"]
            case "reference":
                if attributes["type"] == "cve", let id = attributes["id"] { current?.aliases?.append(id) }
            case "package":
                guard let name = attributes["name"], let version = attributes["version"], let release = attributes["release"] else { return }
                let epoch = attributes["epoch"].flatMap(Int.init).flatMap { $0 == 0 ? nil : $0 }
                let evr = RpmVersion(epoch: epoch, version: version, release: release).description
                // Architectures of one package share the version; keep the highest if they ever differ.
                if let known = packages[name], RpmVersion(known).compare(to: RpmVersion(evr)) >= 0 { return }
                packages[name] = evr
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            let value = text.trimming(" \t\r\n")
            switch element {
            case "id": current?.id = value
            case "title": current?.summary = value
            case "severity": severityLabel = value
            case "update":
                guard var record = current, let release = UpdateInfo.release(ofAdvisory: record.id) else { return }
                if let severityLabel { record.severity = [OSVRecord.Severity(type: "Ubuntu", score: severityLabel)] }
                record.affected = packages.sorted { $0.key < $1.key }.map { name, fixed in
                    OSVRecord.Affected(package: .init(ecosystem: "Amazon Linux:\(release)", name: name),
                                       ranges: [.init(type: "ECOSYSTEM", events: [.introduced("0"), .fixed(fixed)])])
                }
                records.append(record)
                current = nil
            default:
                break
            }
        }
    }
}
