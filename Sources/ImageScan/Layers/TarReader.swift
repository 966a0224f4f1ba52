/// One entry of a tar stream, with the path as written (cleaning is the caller's business).
struct TarEntry {
    enum Kind { case file, hardLink, symbolicLink, directory, other }
    var path: String
    var kind: Kind
    var size: Int
    var linkTarget: String
}

/// Streaming reader for ustar, GNU (long names, base-256 sizes) and pax archives. Entry contents are
/// read or skipped in order; nothing is buffered beyond the current chunk.
struct TarReader<Source: ByteSource> {
    private var source: Source
    private var buffer: [UInt8] = []
    private var position = 0
    private var pendingContent = 0
    private let name: String
    private let maximumEntrySize: Int
    /// Bytes consumed so far (headers, content and padding).
    private(set) var bytesRead = 0

    init(_ source: Source, name: String, maximumEntrySize: Int = Int.max) {
        self.source = source
        self.name = name
        self.maximumEntrySize = maximumEntrySize
    }

    /// The next entry, or nil at the end-of-archive marker (or a clean end of stream at a block boundary).
    mutating func next() throws -> TarEntry? {
        try skipContent()
        var longPath: String?
        var longLink: String?
        var paxPath: String?
        var paxLink: String?
        var paxSize: Int?
        while true {
            guard try fill(512) else {
                if available == 0 { return nil }
                throw malformed("archive ends inside a header")
            }
            let header = buffer[position..<(position + 512)]
            if header.allSatisfy({ $0 == 0 }) { return nil }
            try verifyChecksum(header)
            consume(512)
            let type = header[header.startIndex + 156]
            var size = try number(header, 124, 12)
            if let paxSize, type != 0x78, type != 0x67 { size = paxSize }
            guard size >= 0, size <= maximumEntrySize else {
                throw ImageScanError.limitExceeded(source: name, limit: "\(maximumEntrySize) bytes per archive entry")
            }
            switch type {
            case 0x4C, 0x4B: // GNU long name / long link name: the content is the name.
                guard size <= 1 << 16 else { throw malformed("GNU long name of \(size) bytes") }
                let text = try content(size).prefix { $0 != 0 }
                if type == 0x4C { longPath = String(decoding: text, as: UTF8.self) } else { longLink = String(decoding: text, as: UTF8.self) }
                continue
            case 0x78: // pax extended header for the next entry
                guard size <= 1 << 20 else { throw malformed("pax header of \(size) bytes") }
                let records = try Self.paxRecords(try content(size))
                paxPath = records["path"] ?? paxPath
                paxLink = records["linkpath"] ?? paxLink
                if let text = records["size"] {
                    guard let value = Int(text) else { throw malformed("pax size \(text)") }
                    paxSize = value
                }
                continue
            case 0x67: // pax global header: nothing in it matters to us
                _ = try content(min(size, 1 << 20))
                pendingContent = max(0, size - (1 << 20))
                try skipContent()
                continue
            default:
                break
            }
            var path = Self.string(header, 0, 100)
            let magic = header[(header.startIndex + 257)..<(header.startIndex + 262)]
            if magic.elementsEqual("ustar".utf8) {
                let prefix = Self.string(header, 345, 155)
                if !prefix.isEmpty { path = prefix + "/" + path }
            }
            let kind: TarEntry.Kind
            switch type {
            case 0x30, 0x00, 0x37: kind = .file
            case 0x31: kind = .hardLink
            case 0x32: kind = .symbolicLink
            case 0x35: kind = .directory
            default: kind = .other
            }
            // Links and folders normally store no content, but whatever an entry stores is skipped.
            pendingContent = size
            return TarEntry(path: paxPath ?? longPath ?? path, kind: kind, size: kind == .file ? size : 0,
                            linkTarget: paxLink ?? longLink ?? Self.string(header, 157, 100))
        }
    }

    /// Offset of the current entry's content from the start of the stream.
    var contentOffset: Int { bytesRead }

    /// The current entry's content (call at most once per entry).
    mutating func readContent() throws -> [UInt8] {
        let size = pendingContent
        pendingContent = 0
        return Array(try content(size))
    }

    mutating func skipContent() throws {
        guard pendingContent > 0 else { return }
        var remaining = pendingContent + Self.padding(pendingContent)
        pendingContent = 0
        let buffered = min(remaining, available)
        consume(buffered)
        remaining -= buffered
        let skipped = try source.skip(upTo: remaining)
        bytesRead += skipped
        remaining -= skipped
        while remaining > 0 {
            if available == 0 {
                guard let chunk = try source.next() else { throw malformed("archive ends inside an entry") }
                buffer = chunk
                position = 0
            }
            let step = min(remaining, available)
            consume(step)
            remaining -= step
        }
    }

    /// Reads the rest of the stream after the end-of-archive marker; returns how many bytes that was.
    mutating func drain() throws -> Int {
        var count = available
        position = buffer.count
        while let chunk = try source.next() { count += chunk.count }
        return count
    }

    private var available: Int { buffer.count - position }

    private mutating func consume(_ count: Int) {
        position += count
        bytesRead += count
    }

    /// Reads `size` bytes of content plus the padding to the next 512-byte block.
    private mutating func content(_ size: Int) throws -> ArraySlice<UInt8> {
        let total = size + Self.padding(size)
        guard try fill(total) else { throw malformed("archive ends inside an entry") }
        let bytes = buffer[position..<(position + size)]
        consume(total)
        return bytes
    }

    /// Ensures `count` bytes are buffered; false if the stream ends first.
    private mutating func fill(_ count: Int) throws -> Bool {
        if available >= count { return true }
        if available == 0 {
            // The next chunk is taken as it is, without a copy: a whole inflated layer arrives as one.
            guard let chunk = try source.next() else { return false }
            buffer = chunk
            position = 0
            if available >= count { return true }
        }
        var merged = Array(buffer[position...])
        while merged.count < count {
            guard let chunk = try source.next() else {
                buffer = merged
                position = 0
                return false
            }
            merged += chunk
        }
        buffer = merged
        position = 0
        return true
    }

    private static func padding(_ size: Int) -> Int { (512 - size % 512) % 512 }

    private func verifyChecksum(_ header: ArraySlice<UInt8>) throws {
        let stored = try number(header, 148, 8)
        var sum = 0
        for (offset, byte) in header.enumerated() { sum += (148..<156).contains(offset) ? 0x20 : Int(byte) }
        guard stored == sum else { throw malformed("bad tar header checksum (not a tar archive?)") }
    }

    /// Octal, or GNU base-256 when the high bit of the first byte is set.
    private func number(_ header: ArraySlice<UInt8>, _ offset: Int, _ length: Int) throws -> Int {
        let field = header[(header.startIndex + offset)..<(header.startIndex + offset + length)]
        if let first = field.first, first & 0x80 != 0 {
            guard first == 0x80, field.dropFirst().prefix(length - 9).allSatisfy({ $0 == 0 }) else {
                throw malformed("base-256 number out of range")
            }
            return field.suffix(8).reduce(0) { ($0 << 8) | Int($1) } & Int.max
        }
        var value = 0
        for byte in field {
            if byte == 0 || byte == 0x20 { if value > 0 { break } else { continue } }
            guard byte >= 0x30, byte <= 0x37 else { throw malformed("bad octal number in tar header") }
            value = value * 8 + Int(byte - 0x30)
        }
        return value
    }

    private static func string(_ header: ArraySlice<UInt8>, _ offset: Int, _ length: Int) -> String {
        let field = header[(header.startIndex + offset)..<(header.startIndex + offset + length)]
        return String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// pax records: `LENGTH key=value\n`.
    static func paxRecords(_ data: ArraySlice<UInt8>) throws -> [String: String] {
        var records: [String: String] = [:]
        var rest = data
        while !rest.isEmpty {
            guard let space = rest.firstIndex(of: 0x20), let length = Int(String(decoding: rest[..<space], as: UTF8.self)),
                  length > 0, length <= rest.count else { break }
            let record = rest[(space + 1)..<(rest.startIndex + length)].dropLast()
            if let equals = record.firstIndex(of: 0x3D) {
                records[String(decoding: record[..<equals], as: UTF8.self)] = String(decoding: record[(equals + 1)...], as: UTF8.self)
            }
            rest = rest[(rest.startIndex + length)...]
        }
        return records
    }

    private func malformed(_ reason: String) -> ImageScanError { .invalidImage(source: name, reason: reason) }
}
