import Foundation
import GRDB
import ZIPFoundation

/// Fills the database from OSV exports (`all.zip`, a folder of JSON files, single JSON files), CSAF 2.0
/// advisories and VEX files (recognised by `document.csaf_version`, in the same containers), Amazon
/// Linux `updateinfo.xml` advisories and Oracle Linux ELSA OVAL definitions.
public struct DatabaseImporter {
    public struct Outcome: Sendable {
        public var source: String
        public var records = 0
        public var withdrawn = 0
        /// How many of the records came from CSAF documents.
        public var csafDocuments = 0
        public var skipped: [String] = []
        /// CVSS vectors that could not be scored (the record then takes its next-best rating), and the
        /// first few of them with their record id and reason.
        public var unscoredVectors = 0
        public var unscoredExamples: [String] = []

        /// The source kind's format part: `osv`, `csaf` or `osv+csaf`.
        var formats: String {
            switch (csafDocuments, records - csafDocuments) {
            case (0, _): return "osv"
            case (_, 0): return "csaf"
            default: return "osv+csaf"
            }
        }
    }

    let database: VulnerabilityDatabase
    /// Largest single JSON or XML document accepted.
    public var maximumDocumentBytes = 64 << 20

    public init(database: VulnerabilityDatabase) { self.database = database }

    public func importSource(_ path: String) throws -> Outcome {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw ImageScanError.unreadable(source: path, reason: "no such file or folder")
        }
        var outcome = Outcome(source: path)
        try database.queue.write { db in
            let kind: String
            let sourceID = try Self.sourceID(db, name: (path as NSString).standardizingPath, kind: "pending")
            if isFolder.boolValue {
                try importFolder(path, db: db, sourceID: sourceID, outcome: &outcome)
                kind = outcome.formats + "-folder"
            } else if path.hasSuffix(".zip") {
                try importZip(path, db: db, sourceID: sourceID, outcome: &outcome)
                kind = outcome.formats + "-zip"
            } else if path.hasSuffix(".xml") {
                let data = try readFile(path)
                let oval = OracleOVAL.isOVAL(data)
                kind = oval ? "elsa-oval" : "alas-updateinfo"
                for record in try oval ? OracleOVAL.parse(data, name: path) : UpdateInfo.parse(data, name: path) {
                    try store(record, db: db, sourceID: sourceID, outcome: &outcome)
                }
            } else {
                try importJSON(try readFile(path), name: path, db: db, sourceID: sourceID, outcome: &outcome)
                kind = outcome.formats + "-json"
            }
            try db.execute(sql: "UPDATE source SET kind = ?, imported_at = ?, records = ? WHERE id = ?",
                           arguments: [kind, ISO8601DateFormatter().string(from: Date()), outcome.records, sourceID])
        }
        return outcome
    }

    private func readFile(_ path: String) throws -> [UInt8] {
        let file = try SharedFile(path: path)
        return try file.readAll(offset: 0, length: file.size, limit: maximumDocumentBytes)
    }

    private func importFolder(_ path: String, db: Database, sourceID: Int64, outcome: inout Outcome) throws {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return }
        var names: [String] = []
        while let name = walker.nextObject() as? String {
            if name.hasSuffix(".json") { names.append(name) }
        }
        for name in names.sorted() {
            try importJSON(try readFile(path + "/" + name), name: path + "/" + name, db: db, sourceID: sourceID, outcome: &outcome)
        }
    }

    private func importZip(_ path: String, db: Database, sourceID: Int64, outcome: inout Outcome) throws {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw ImageScanError.unreadable(source: path, reason: "not a zip archive: \(error)")
        }
        for entry in archive where entry.type == .file && entry.path.hasSuffix(".json") {
            let name = "\(path): \(entry.path)"
            guard entry.uncompressedSize <= UInt64(maximumDocumentBytes) else {
                throw ImageScanError.limitExceeded(source: name, limit: "\(maximumDocumentBytes) bytes")
            }
            var data: [UInt8] = []
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    data += chunk
                    if data.count > maximumDocumentBytes { throw ImageScanError.limitExceeded(source: name, limit: "\(maximumDocumentBytes) bytes") }
                }
            } catch let error as ImageScanError {
                throw error
            } catch {
                throw ImageScanError.unreadable(source: name, reason: "\(error)")
            }
            try importJSON(data, name: name, db: db, sourceID: sourceID, outcome: &outcome)
        }
    }

    /// One CSAF document, one OSV record, or an array of OSV records.
    private func importJSON(_ data: [UInt8], name: String, db: Database, sourceID: Int64, outcome: inout Outcome) throws {
        // A document that mentions csaf_version but is no CSAF may still be an OSV record; if it is neither,
        // the CSAF error is the one worth showing.
        var csafError: (any Error)?
        if CSAFImport.looksLikeCSAF(data) {
            do {
                let record = try CSAFImport.record(data, name: name)
                guard !(record.affected ?? []).isEmpty else {
                    outcome.skipped.append("\(name): CSAF document \(record.id) names no rpm of a Red Hat or SUSE platform")
                    return
                }
                try store(record, db: db, sourceID: sourceID, outcome: &outcome)
                outcome.csafDocuments += 1
                return
            } catch let error as ImageScanError {
                csafError = error
            }
        }
        let records: [OSVRecord]
        do {
            let trimmed = data.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
            records = trimmed.first == 0x5B ? try JSONDecoder().decode([OSVRecord].self, from: Data(trimmed))
                : [try JSONDecoder().decode(OSVRecord.self, from: Data(trimmed))]
        } catch {
            outcome.skipped.append(csafError.map { "\($0)" } ?? "\(name): not an OSV record (\(error))")
            return
        }
        for record in records { try store(record, db: db, sourceID: sourceID, outcome: &outcome) }
    }

    /// Inserts or replaces a record (a later import of the same id wins); withdrawn records are removed.
    func store(_ record: OSVRecord, db: Database, sourceID: Int64, outcome: inout Outcome) throws {
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM vuln WHERE ext_id = ?", arguments: [record.id]) {
            try db.execute(sql: "DELETE FROM affected WHERE vuln_id = ?", arguments: [existing])
            try db.execute(sql: "DELETE FROM vuln WHERE id = ?", arguments: [existing])
        }
        if record.withdrawn != nil {
            outcome.withdrawn += 1
            return
        }
        let specifics = [record.database_specific] + (record.affected ?? []).flatMap { [$0.ecosystem_specific, $0.database_specific] }
        var unscored: [CVSSError] = []
        let rating = OSVRecord.rate(record.severity, specific: specifics, unscored: &unscored)
        try db.execute(sql: """
            INSERT INTO vuln(ext_id, source_id, modified, published, summary, aliases, severity, score, vector)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [record.id, sourceID, record.modified, record.published, record.summary ?? record.details.map { String($0.prefix(200)) },
                             record.identifiers.joined(separator: " "), (rating?.severity ?? .unknown).rawValue, rating?.score, rating?.vector])
        let vulnID = db.lastInsertedRowID
        let encoder = JSONEncoder()
        for affected in record.affected ?? [] {
            guard let package = affected.package else { continue }
            let ranges = (affected.ranges ?? []).filter { $0.type == "ECOSYSTEM" }.map(\.events)
            let versions = affected.versions ?? []
            guard !ranges.isEmpty || !versions.isEmpty else { continue }
            let packageRating = affected.severity.flatMap { OSVRecord.rate($0, specific: [], unscored: &unscored)?.severity }
            try db.execute(sql: "INSERT INTO affected(ecosystem, package, vuln_id, ranges, versions, severity, aliases) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [package.ecosystem, package.name, vulnID, String(decoding: try encoder.encode(ranges), as: UTF8.self),
                                       versions.isEmpty ? nil : String(decoding: try encoder.encode(versions), as: UTF8.self),
                                       packageRating?.rawValue, affected.aliases?.joined(separator: " ")])
        }
        outcome.records += 1
        outcome.unscoredVectors += unscored.count
        for error in unscored.prefix(5 - min(5, outcome.unscoredExamples.count)) {
            outcome.unscoredExamples.append("\(record.id): \(error)")
        }
    }

    static func sourceID(_ db: Database, name: String, kind: String) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE name = ?", arguments: [name]) { return id }
        try db.execute(sql: "INSERT INTO source(name, kind, imported_at, records) VALUES (?, ?, '', 0)", arguments: [name, kind])
        return db.lastInsertedRowID
    }
}
