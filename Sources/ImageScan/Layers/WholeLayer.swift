import Crypto
import Dispatch
import SystemDeflate

/// The fast path for the common layer (one gzip member of known size): the blob is read whole, its
/// digest computed on another core while libdeflate inflates it in one call (about three times
/// zlib's speed). Hashing and inflating were most of a scan's time; done side by side, a scan takes
/// about as long as the slower of the two. Anything else (zstd, plain tar, many gzip members, a
/// tar larger than `maximumTarBytes`, a size field that lies) takes the streaming path.
enum WholeLayer {
    /// Largest compressed blob read whole.
    static let maximumBlobBytes = 1 << 30
    /// Largest tar inflated whole; larger ones stream through zlib with the layer limit.
    static let maximumTarBytes = 2 << 30
    /// Above this inflation ratio (real layers inflate 2 to 10 times; a gzip bomb a thousand times) a
    /// blob streams instead, so memory stays within a small multiple of the blob however it inflates.
    static let maximumInflationRatio = 32
    /// Tars up to this size are inflated whole whatever the ratio.
    static let smallTarBytes = 64 << 20

    /// The blob's digest, computed in the background; `verify()` waits for it.
    final class PendingDigest: @unchecked Sendable {
        private let group = DispatchGroup()
        private var actual = ""
        private let expected: String
        private let name: String

        init(_ blob: [UInt8], expected: String, name: String) {
            self.expected = expected
            self.name = name
            DispatchQueue.global().async(group: group) { [self] in
                // Written before the group leaves; read only after `wait()`.
                actual = Self.digest(blob, like: expected)
            }
        }

        func verify() throws {
            group.wait()
            guard actual == expected else {
                throw ImageScanError.invalidImage(source: name, reason: "content digest \(actual) does not match \(expected)")
            }
        }

        private static func digest(_ bytes: [UInt8], like expected: String) -> String {
            let hex: (any Sequence<UInt8>) -> String = { $0.map { String($0, radix: 16).leftPadded(to: 2) }.joined() }
            return expected.hasPrefix("sha512:") ? "sha512:" + hex(SHA512.hash(data: bytes)) : "sha256:" + hex(SHA256.hash(data: bytes))
        }
    }

    /// The tar inside a single-member gzip blob, or nil when the streaming path must handle the blob.
    static func gunzip(_ blob: [UInt8], name: String, limit: Int) throws -> [UInt8]? {
        guard blob.count >= 18, blob[0] == 0x1F, blob[1] == 0x8B else { return nil }
        // ISIZE: the member's uncompressed size modulo 2^32, in its last four bytes.
        let n = blob.count
        let declared = Int(blob[n - 4]) | Int(blob[n - 3]) << 8 | Int(blob[n - 2]) << 16 | Int(blob[n - 1]) << 24
        guard declared <= min(limit, maximumTarBytes), declared <= max(smallTarBytes, n * maximumInflationRatio) else { return nil }
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var consumed = 0
        var result = LIBDEFLATE_SUCCESS
        let tar = [UInt8](unsafeUninitializedCapacity: max(declared, 1)) { output, count in
            var produced = 0
            result = blob.withUnsafeBytes { input in
                libdeflate_gzip_decompress_ex(decompressor, input.baseAddress, n, output.baseAddress, declared, &consumed, &produced)
            }
            count = result == LIBDEFLATE_SUCCESS ? produced : 0
        }
        switch result {
        case LIBDEFLATE_SUCCESS where consumed == n:
            return tar
        case LIBDEFLATE_SUCCESS, LIBDEFLATE_INSUFFICIENT_SPACE, LIBDEFLATE_SHORT_OUTPUT:
            // More members follow, or the size field does not match: zlib streams it with the limits.
            return nil
        default:
            throw ImageScanError.invalidImage(source: name, reason: "gzip stream is corrupt")
        }
    }
}
