/// Cuts a YAML stream into its documents at `---` and `...` marker lines, so that one broken
/// document does not hide the documents after it (libyaml stops at the first error).
///
/// A marker line is `---` or `...` at column 1 followed by a blank, a line end or the end of
/// input; YAML itself ends any block scalar at such a line, so the cut agrees with the parser.
struct DocumentSplitter {
    struct Chunk {
        /// 0-based line of the chunk's first line in the file.
        var firstLine: Int
        var bytes: ArraySlice<UInt8>
    }

    static func split(_ bytes: [UInt8]) -> [Chunk] {
        var chunks: [Chunk] = []
        var chunkStart = 0, chunkLine = 0, line = 0, i = 0
        var chunkHasContent = false
        while i < bytes.count {
            let lineStart = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
            let lineEnd = i
            if i < bytes.count { i += 1 }
            let marker = markerKind(bytes, lineStart, lineEnd)
            if marker == .start, chunkHasContent {
                chunks.append(Chunk(firstLine: chunkLine, bytes: bytes[chunkStart..<lineStart]))
                chunkStart = lineStart
                chunkLine = line
                chunkHasContent = false
            }
            if marker == .start || (marker == .none && hasContent(bytes, lineStart, lineEnd)) {
                chunkHasContent = true
            }
            line += 1
            if marker == .end {
                chunks.append(Chunk(firstLine: chunkLine, bytes: bytes[chunkStart..<i]))
                chunkStart = i
                chunkLine = line
                chunkHasContent = false
            }
        }
        if chunkStart < bytes.count, chunkHasContent {
            chunks.append(Chunk(firstLine: chunkLine, bytes: bytes[chunkStart..<bytes.count]))
        }
        return chunks
    }

    private enum Marker { case none, start, end }

    private static func markerKind(_ b: [UInt8], _ start: Int, _ end: Int) -> Marker {
        guard end - start >= 3 else { return .none }
        let c = b[start]
        guard c == UInt8(ascii: "-") || c == UInt8(ascii: "."), b[start + 1] == c, b[start + 2] == c else { return .none }
        if end - start > 3 {
            let next = b[start + 3]
            guard next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\r") else { return .none }
        }
        return c == UInt8(ascii: "-") ? .start : .end
    }

    /// A line that is not blank, a comment, or a directive (`%YAML`) counts as document content.
    private static func hasContent(_ b: [UInt8], _ start: Int, _ end: Int) -> Bool {
        var j = start
        while j < end, b[j] == UInt8(ascii: " ") || b[j] == UInt8(ascii: "\t") || b[j] == UInt8(ascii: "\r") { j += 1 }
        guard j < end else { return false }
        if b[j] == UInt8(ascii: "#") { return false }
        if j == start, b[j] == UInt8(ascii: "%") { return false }
        if j == start, end - start >= 3, b[start] == 0xEF, b[start + 1] == 0xBB, b[start + 2] == 0xBF {
            return hasContent(b, start + 3, end)
        }
        return true
    }
}
