import Foundation
import GRDB
import GRDBSQLite

/// The three rpm database formats. Each is a container of header blobs; the blobs are parsed by
/// `RpmHeader`.
enum RpmDatabase {
    static func parse(_ data: [UInt8], path: String, layer: Int) throws -> [InstalledPackage] {
        let blobs: [ArraySlice<UInt8>]
        if path.hasSuffix("rpmdb.sqlite") {
            blobs = try sqliteBlobs(data, path: path)
        } else if path.hasSuffix("Packages.db") {
            blobs = try ndbBlobs(data, path: path)
        } else {
            blobs = try berkeleyBlobs(data, path: path)
        }
        return try blobs.compactMap { try RpmHeader($0, path: path).package(path: path, layer: layer) }
    }

    // MARK: NDB (SUSE): a slot table pointing at blob records.

    static let ndbMagic: UInt32 = 0x506D_7052 // "RpmP"
    static let slotMagic: UInt32 = 0x746F_6C53 // "Slot"
    static let blobMagic: UInt32 = 0x5362_6C42 // "BlbS"

    static func ndbBlobs(_ data: [UInt8], path: String) throws -> [ArraySlice<UInt8>] {
        let reader = ByteReader(bytes: data, bigEndian: false, path: path)
        guard try reader.u32(0) == ndbMagic else { throw ImageScanError.malformed(path: path, reason: "not an rpm NDB database") }
        let slotPages = Int(try reader.u32(12))
        guard slotPages > 0, slotPages * 4096 <= data.count else {
            throw ImageScanError.malformed(path: path, reason: "NDB slot table of \(slotPages) pages does not fit the file")
        }
        var blobs: [ArraySlice<UInt8>] = []
        for slot in 2..<(slotPages * 4096 / 16) {
            let base = slot * 16
            guard try reader.u32(base) == slotMagic else { throw ImageScanError.malformed(path: path, reason: "bad NDB slot \(slot)") }
            let packageIndex = try reader.u32(base + 4)
            guard packageIndex != 0 else { continue }
            let blobOffset = Int(try reader.u32(base + 8)) * 16
            guard try reader.u32(blobOffset) == blobMagic, try reader.u32(blobOffset + 4) == packageIndex else {
                throw ImageScanError.malformed(path: path, reason: "NDB slot \(slot) points at no blob of package \(packageIndex)")
            }
            let length = Int(try reader.u32(blobOffset + 12))
            blobs.append(try reader.slice(blobOffset + 16, count: length))
        }
        return blobs
    }

    // MARK: Berkeley DB hash (RHEL ≤ 8, Amazon Linux 2): values are stored on overflow page chains.

    static func berkeleyBlobs(_ data: [UInt8], path: String) throws -> [ArraySlice<UInt8>] {
        let magicLE = try ByteReader(bytes: data, bigEndian: false, path: path).u32(12)
        let bigEndian: Bool
        switch magicLE {
        case 0x0006_1561: bigEndian = false
        case 0x6115_0600: bigEndian = true
        default: throw ImageScanError.malformed(path: path, reason: "not a Berkeley DB hash database")
        }
        let reader = ByteReader(bytes: data, bigEndian: bigEndian, path: path)
        let pageSize = Int(try reader.u32(20))
        guard (512...65536).contains(pageSize), pageSize & (pageSize - 1) == 0 else {
            throw ImageScanError.malformed(path: path, reason: "Berkeley DB page size \(pageSize) is invalid")
        }
        guard try reader.u8(24) == 0 else { throw ImageScanError.malformed(path: path, reason: "encrypted Berkeley DB") }
        let pageCount = data.count / pageSize
        var blobs: [ArraySlice<UInt8>] = []
        for page in 1..<max(pageCount, 1) {
            let start = page * pageSize
            let type = try reader.u8(start + 25)
            guard type == 13 || type == 2 else { continue }
            let entries = Int(try reader.u16(start + 20))
            // Entries alternate key, value; the values hold the headers.
            for entry in stride(from: 1, to: entries, by: 2) {
                let itemOffset = Int(try reader.u16(start + 26 + 2 * entry))
                guard itemOffset < pageSize, try reader.u8(start + itemOffset) == 3 else { continue }
                let firstPage = Int(try reader.u32(start + itemOffset + 4))
                let length = Int(try reader.u32(start + itemOffset + 8))
                blobs.append(try overflowChain(reader, first: firstPage, length: length, pageSize: pageSize, pageCount: pageCount))
            }
        }
        return blobs
    }

    private static func overflowChain(_ reader: ByteReader, first: Int, length: Int, pageSize: Int, pageCount: Int) throws -> ArraySlice<UInt8> {
        guard length <= RpmHeader.maximumData else { throw reader.truncated(first * pageSize) }
        var out: [UInt8] = []
        out.reserveCapacity(length)
        var page = first
        var visited = 0
        while out.count < length {
            guard page > 0, page < pageCount, visited < pageCount else {
                throw ImageScanError.malformed(path: reader.path, reason: "broken overflow chain at page \(page)")
            }
            visited += 1
            let start = page * pageSize
            guard try reader.u8(start + 25) == 7 else {
                throw ImageScanError.malformed(path: reader.path, reason: "page \(page) is not an overflow page")
            }
            let take = min(pageSize - 26, length - out.count)
            out += try reader.slice(start + 26, count: take)
            page = Int(try reader.u32(start + 16))
        }
        return out[...]
    }

    // MARK: SQLite (rpm ≥ 4.16): table Packages(hnum, blob), read from memory.

    static func sqliteBlobs(_ data: [UInt8], path: String) throws -> [ArraySlice<UInt8>] {
        guard data.count >= 100, data.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw ImageScanError.malformed(path: path, reason: "not an SQLite database")
        }
        let queue = try DatabaseQueue()
        return try queue.inDatabase { db -> [ArraySlice<UInt8>] in
            // sqlite3_deserialize takes ownership of a buffer from sqlite3_malloc64; read-only, so the
            // -wal a live system may have left beside it does not matter.
            guard let buffer = sqlite3_malloc64(sqlite3_uint64(data.count)) else {
                throw ImageScanError.malformed(path: path, reason: "cannot allocate \(data.count) bytes")
            }
            data.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: data.count) }
            // rpm keeps its database in WAL mode (header bytes 18 and 19 = 2); a WAL database cannot be
            // opened from memory, so mark the copy as a rollback-journal database.
            let header = buffer.assumingMemoryBound(to: UInt8.self)
            header[18] = 1
            header[19] = 1
            let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY)
            guard sqlite3_deserialize(db.sqliteConnection, "main", buffer.assumingMemoryBound(to: UInt8.self),
                                      sqlite3_int64(data.count), sqlite3_int64(data.count), flags) == SQLITE_OK else {
                throw ImageScanError.malformed(path: path, reason: "SQLite refused the database")
            }
            do {
                return try Row.fetchAll(db, sql: "SELECT blob FROM Packages").compactMap { row in
                    (row["blob"] as Data?).map { Array($0)[...] }
                }
            } catch {
                throw ImageScanError.malformed(path: path, reason: "\(error)")
            }
        }
    }
}
