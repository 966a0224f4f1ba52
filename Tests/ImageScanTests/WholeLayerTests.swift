@testable import ImageScan
import Testing

/// The whole-blob gzip path: the same tar as the streaming path for one member, and a hand-over to
/// the streaming path (or an error) for everything it does not take.
@Suite struct WholeLayerTests {
    static let tar = Tar.archive([
        .file("etc/os-release", "ID=debian\n"), .bytes("data", (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 >> 3) }),
    ])

    @Test func oneMemberInflatesToTheSameTarAsZlib() throws {
        let blob = Compress.gzip(Self.tar)
        #expect(try WholeLayer.gunzip(blob, name: "t", limit: 1 << 30) == Self.tar)
        var streamed = try decompressed(MemorySource(blob), name: "t")
        #expect(try streamed.readAll(limit: 1 << 30, name: "t") == Self.tar)
    }

    @Test func manyMembersAndOtherFormatsGoToTheStreamingPath() throws {
        let half = Self.tar.count / 2
        let members = Compress.gzip(Array(Self.tar[..<half])) + Compress.gzip(Array(Self.tar[half...]))
        #expect(try WholeLayer.gunzip(members, name: "t", limit: 1 << 30) == nil, "eStargz-style blobs stream")
        #expect(try WholeLayer.gunzip(Compress.zstd(Self.tar), name: "t", limit: 1 << 30) == nil)
        #expect(try WholeLayer.gunzip(Self.tar, name: "t", limit: 1 << 30) == nil)
    }

    @Test func aLyingSizeFieldOrALayerOverTheLimitStreams() throws {
        var blob = Compress.gzip(Self.tar)
        #expect(try WholeLayer.gunzip(blob, name: "t", limit: 1000) == nil, "over the layer limit: the stream enforces it")
        // ISIZE says 16 bytes: not enough room, so zlib streams it (with the layer limit).
        blob.replaceSubrange((blob.count - 4)..., with: [16, 0, 0, 0])
        #expect(try WholeLayer.gunzip(blob, name: "t", limit: 1 << 30) == nil)
    }

    @Test func aBlobClaimingToInflateMoreThanThirtyTwoTimesStreams() throws {
        var blob = Compress.gzip(Self.tar)
        // A bomb's real ratio is in the thousands; the size field is what the fast path trusts.
        let claimed = max(WholeLayer.smallTarBytes, blob.count * WholeLayer.maximumInflationRatio) + 1
        blob.replaceSubrange((blob.count - 4)..., with: (0..<4).map { UInt8(truncatingIfNeeded: claimed >> (8 * $0)) })
        #expect(try WholeLayer.gunzip(blob, name: "t", limit: 1 << 30) == nil)
    }

    @Test func corruptDeflateDataIsAnError() throws {
        var blob = Compress.gzip(Self.tar)
        for index in 20..<60 { blob[index] ^= 0xA5 }
        #expect(throws: ImageScanError.self) { _ = try WholeLayer.gunzip(blob, name: "t", limit: 1 << 30) }
    }

    @Test func theDigestIsCheckedInTheBackground() throws {
        let blob = Compress.gzip(Self.tar)
        try WholeLayer.PendingDigest(blob, expected: sha256(blob), name: "t").verify()
        #expect(throws: ImageScanError.self) { try WholeLayer.PendingDigest(blob, expected: sha256(Self.tar), name: "t").verify() }
    }
}
