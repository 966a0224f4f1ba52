import SystemZlib
import SystemZstd

/// How a layer blob is compressed, told by its first bytes rather than by its declared media type.
enum Compression: String {
    case gzip, zstd, none

    static func sniff(_ prefix: ArraySlice<UInt8>) -> Compression {
        if prefix.starts(with: [0x1F, 0x8B]) { return .gzip }
        if prefix.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { return .zstd }
        // zstd skippable frames (zstd:chunked puts metadata in them) start with 0x184D2A5?.
        if prefix.count >= 4, prefix[prefix.startIndex + 1] == 0x2A, prefix[prefix.startIndex + 2] == 0x4D,
           prefix[prefix.startIndex + 3] == 0x18, prefix[prefix.startIndex] & 0xF0 == 0x50 { return .zstd }
        return .none
    }
}

/// Puts back the chunk that was read to sniff the compression.
struct PrefixedSource<Inner: ByteSource>: ByteSource {
    var first: [UInt8]?
    var inner: Inner
    mutating func next() throws -> [UInt8]? {
        if let chunk = first {
            first = nil
            return chunk
        }
        return try inner.next()
    }
}

/// gzip inflate that continues across members (eStargz layers are many concatenated gzip members).
final class GzipSource<Inner: ByteSource>: ByteSource {
    private var inner: Inner
    private var stream = z_stream()
    private var input: [UInt8] = []
    private var inputPosition = 0
    private var memberOpen = false
    private var finished = false
    private let name: String

    init(_ inner: Inner, name: String) throws {
        self.inner = inner
        self.name = name
        // 15 + 16: gzip wrapper only, 32 KiB window.
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ImageScanError.invalidImage(source: name, reason: "cannot start gzip decompression")
        }
    }

    deinit { inflateEnd(&stream) }

    func next() throws -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: 1 << 20)
        var produced = 0
        while produced < output.count && !finished {
            if inputPosition == input.count {
                guard let chunk = try inner.next() else {
                    if memberOpen { throw ImageScanError.invalidImage(source: name, reason: "gzip stream is truncated") }
                    finished = true
                    break
                }
                input = chunk
                inputPosition = 0
            }
            if !memberOpen {
                // A further member starts with the gzip magic; anything else (zero padding) ends the stream.
                if input[inputPosition] != 0x1F {
                    finished = true
                    break
                }
                inflateReset(&stream)
                memberOpen = true
            }
            let (status, consumed, written) = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer -> (Int32, Int, Int) in
                    stream.next_in = inBuffer.baseAddress! + inputPosition
                    stream.avail_in = UInt32(inBuffer.count - inputPosition)
                    stream.next_out = outBuffer.baseAddress! + produced
                    stream.avail_out = UInt32(outBuffer.count - produced)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, inBuffer.count - inputPosition - Int(stream.avail_in), outBuffer.count - produced - Int(stream.avail_out))
                }
            }
            inputPosition += consumed
            produced += written
            switch status {
            case Z_STREAM_END: memberOpen = false
            case Z_OK, Z_BUF_ERROR: break
            default: throw ImageScanError.invalidImage(source: name, reason: "corrupt gzip data (zlib status \(status))")
            }
            if consumed == 0 && written == 0 && status != Z_STREAM_END && inputPosition < input.count {
                throw ImageScanError.invalidImage(source: name, reason: "gzip decompression made no progress")
            }
        }
        guard produced > 0 else { return nil }
        output.removeSubrange(produced...)
        return output
    }
}

/// zstd decompression; the library itself walks multiple and skippable frames.
final class ZstdSource<Inner: ByteSource>: ByteSource {
    private var inner: Inner
    private let stream: OpaquePointer
    private var input: [UInt8] = []
    private var inputPosition = 0
    private var inputEnded = false
    private var frameOpen = false
    private let name: String

    init(_ inner: Inner, name: String) throws {
        self.inner = inner
        self.name = name
        guard let stream = ZSTD_createDStream() else {
            throw ImageScanError.invalidImage(source: name, reason: "cannot start zstd decompression")
        }
        self.stream = stream
        _ = ZSTD_initDStream(stream)
    }

    deinit { ZSTD_freeDStream(stream) }

    func next() throws -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: 1 << 20)
        var produced = 0
        while produced < output.count {
            if inputPosition == input.count {
                guard !inputEnded, let chunk = try inner.next() else {
                    inputEnded = true
                    if frameOpen { throw ImageScanError.invalidImage(source: name, reason: "zstd stream is truncated") }
                    break
                }
                input = chunk
                inputPosition = 0
            }
            let (result, consumed, written) = input.withUnsafeBytes { inBytes in
                output.withUnsafeMutableBytes { outBytes -> (Int, Int, Int) in
                    var inBuffer = ZSTD_inBuffer(src: inBytes.baseAddress, size: inBytes.count, pos: inputPosition)
                    var outBuffer = ZSTD_outBuffer(dst: outBytes.baseAddress, size: outBytes.count, pos: produced)
                    let result = ZSTD_decompressStream(stream, &outBuffer, &inBuffer)
                    return (result, inBuffer.pos - inputPosition, outBuffer.pos - produced)
                }
            }
            if ZSTD_isError(result) != 0 {
                throw ImageScanError.invalidImage(source: name, reason: "corrupt zstd data: \(String(cString: ZSTD_getErrorName(result)))")
            }
            inputPosition += consumed
            produced += written
            frameOpen = result != 0
            if consumed == 0 && written == 0 && inputPosition < input.count { break }
        }
        guard produced > 0 else { return nil }
        output.removeSubrange(produced...)
        return output
    }
}

/// Sniffs the first chunk and wraps the source in the matching decompressor.
func decompressed(_ source: some ByteSource, name: String) throws -> any ByteSource {
    var source = source
    guard let first = try source.next() else { return MemorySource([]) }
    let prefixed = PrefixedSource(first: first, inner: source)
    switch Compression.sniff(first.prefix(4)) {
    case .gzip: return try GzipSource(prefixed, name: name)
    case .zstd: return try ZstdSource(prefixed, name: name)
    case .none: return prefixed
    }
}
