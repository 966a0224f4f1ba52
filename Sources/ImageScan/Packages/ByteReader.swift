/// Bounds-checked fixed-width reads from a byte buffer: hostile databases must fail with an error,
/// never trap.
struct ByteReader {
    let bytes: [UInt8]
    let bigEndian: Bool
    let path: String

    func u32(_ offset: Int) throws -> UInt32 {
        guard offset >= 0, offset <= bytes.count - 4 else { throw truncated(offset) }
        let b0 = UInt32(bytes[offset]), b1 = UInt32(bytes[offset + 1]), b2 = UInt32(bytes[offset + 2]), b3 = UInt32(bytes[offset + 3])
        return bigEndian ? b0 << 24 | b1 << 16 | b2 << 8 | b3 : b3 << 24 | b2 << 16 | b1 << 8 | b0
    }

    func u16(_ offset: Int) throws -> UInt16 {
        guard offset >= 0, offset <= bytes.count - 2 else { throw truncated(offset) }
        let b0 = UInt16(bytes[offset]), b1 = UInt16(bytes[offset + 1])
        return bigEndian ? b0 << 8 | b1 : b1 << 8 | b0
    }

    func u8(_ offset: Int) throws -> UInt8 {
        guard offset >= 0, offset < bytes.count else { throw truncated(offset) }
        return bytes[offset]
    }

    func slice(_ offset: Int, count: Int) throws -> ArraySlice<UInt8> {
        guard offset >= 0, count >= 0, offset <= bytes.count, count <= bytes.count - offset else { throw truncated(offset) }
        return bytes[offset..<(offset + count)]
    }

    func truncated(_ offset: Int) -> ImageScanError {
        .malformed(path: path, reason: "truncated or inconsistent at byte \(offset)")
    }
}
