import EKSGuardCore

/// Maps UTF-8 offsets in a text assembled from pieces of source lines (an instruction joined across
/// line continuations, a heredoc body, a script inside `sh -c`) back to 1-based line and column.
///
/// It is a class so that every command and word of one script can share it without copying; it is
/// immutable after `init`, which is what makes it `Sendable` without any unchecked escape hatch.
/// Columns count Unicode scalars, so a finding after `é` points where an editor shows it.
package final class SourceLocator: Sendable {
    struct Segment: Sendable {
        /// Offset in the assembled text where this piece starts.
        let offset: Int
        let line: Int
        /// Column of the piece's first byte in its source line.
        let column: Int
    }

    private let segments: [Segment]
    /// Offsets (in the assembled text) of UTF-8 continuation bytes; empty for ASCII text, which is
    /// nearly always the case, so the usual lookup is a binary search plus a subtraction.
    private let continuationOffsets: [Int32]

    init(segments: [Segment], text: ArraySlice<UInt8>) {
        precondition(!segments.isEmpty, "a locator needs at least one segment")
        self.segments = segments
        var continuations: [Int32] = []
        let base = text.startIndex
        for index in text.indices where text[index] & 0xC0 == 0x80 {
            continuations.append(Int32(truncatingIfNeeded: index - base))
        }
        continuationOffsets = continuations
    }

    convenience init(segments: [Segment], text: [UInt8]) {
        self.init(segments: segments, text: text[...])
    }

    /// A locator that puts every offset at one fixed position (used for scripts whose text is not
    /// the source text, such as the unquoted value of `sh -c '…'`).
    convenience init(fixed position: SourcePosition) {
        self.init(segments: [Segment(offset: 0, line: position.line, column: position.column)], text: [])
    }

    /// A locator for multi-line text that starts at `line`, `column` of a file and keeps the file's
    /// line structure (a heredoc body, a whole script).
    convenience init(lines text: ArraySlice<UInt8>, firstLine: Int, firstColumn: Int = 1, columnOffsets: [Int] = []) {
        var segments = [Segment(offset: 0, line: firstLine, column: firstColumn + (columnOffsets.first ?? 0))]
        var line = firstLine
        var index = text.startIndex
        while let newline = text[index...].firstIndex(of: 0x0A) {
            index = newline + 1
            line += 1
            let shift = line - firstLine < columnOffsets.count ? columnOffsets[line - firstLine] : 0
            segments.append(Segment(offset: index - text.startIndex, line: line, column: 1 + shift))
        }
        self.init(segments: segments, text: text)
    }

    private init(segments: [Segment], continuationOffsets: [Int32]) {
        self.segments = segments
        self.continuationOffsets = continuationOffsets
    }

    /// A locator for the text from `offset` on (an `ONBUILD` trigger inside its line).
    func suffix(from offset: Int) -> SourceLocator {
        let start = position(at: offset)
        var shifted = [Segment(offset: 0, line: start.line, column: start.column)]
        for segment in segments where segment.offset > offset {
            shifted.append(Segment(offset: segment.offset - offset, line: segment.line, column: segment.column))
        }
        let continuations = continuationOffsets.filter { Int($0) >= offset }.map { $0 - Int32(truncatingIfNeeded: offset) }
        return SourceLocator(segments: shifted, continuationOffsets: continuations)
    }

    /// The file position of `offset` in the assembled text.
    package func position(at offset: Int) -> SourcePosition {
        // Last segment starting at or before the offset.
        var low = 0
        var high = segments.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if segments[mid].offset <= offset { low = mid } else { high = mid - 1 }
        }
        let segment = segments[low]
        let distance = max(0, offset - segment.offset)
        guard !continuationOffsets.isEmpty else {
            return SourcePosition(line: segment.line, column: segment.column + distance)
        }
        let skipped = countContinuations(before: offset) - countContinuations(before: segment.offset)
        return SourcePosition(line: segment.line, column: segment.column + distance - skipped)
    }

    private func countContinuations(before offset: Int) -> Int {
        var low = 0
        var high = continuationOffsets.count
        while low < high {
            let mid = (low + high) / 2
            if Int(continuationOffsets[mid]) < offset { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
