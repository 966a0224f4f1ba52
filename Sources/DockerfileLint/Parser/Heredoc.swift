import EKSGuardCore

/// A here-document attached to `RUN`, `COPY` or `ADD` (`RUN <<EOF`, `COPY <<-"EOT" /dest`).
///
/// BuildKit finds heredoc markers anywhere in the instruction line (several per line are read one
/// after another) and reads each body from the lines that follow, up to a line that is exactly the
/// delimiter (after leading tabs for `<<-`).
package struct Heredoc: Sendable {
    /// The delimiter with quotes removed (`EOF` for `<<"EOF"`).
    package let name: String
    /// The marker as written (`<<-'EOF'`).
    package let marker: String
    /// `<<-`: leading tabs are stripped from every body line and from the terminator.
    package let stripsTabs: Bool
    /// False when any part of the delimiter was quoted: the body is then taken literally.
    package let expands: Bool
    /// The file descriptor written before `<<` (`3<<EOF`), 0 when none.
    package let fileDescriptor: Int
    /// The body, with the final newline, leading tabs removed for `<<-`.
    package let body: String
    /// Position of the marker in the instruction line.
    package let markerPosition: SourcePosition
    /// First line of the body (the line after the instruction, or after the previous heredoc).
    package let bodyLine: Int
    /// Line of the terminating delimiter.
    package let terminatorLine: Int
    /// Maps offsets in `body` to file positions (for commands inside a heredoc script).
    package let bodyLocator: SourceLocator

    /// The marker regex of BuildKit (`^(\d*)<<(-?)([^<]*)$`) applied to one raw word, with the
    /// delimiter unquoted; nil when the word is not a heredoc marker.
    static func marker(in word: String) -> (fd: Int, stripsTabs: Bool, name: String, expands: Bool)? {
        let utf8 = Array(word.utf8)
        var index = 0
        var fd = 0
        while index < utf8.count, utf8[index] >= UInt8(ascii: "0"), utf8[index] <= UInt8(ascii: "9") {
            fd = min(fd * 10 + Int(utf8[index] - UInt8(ascii: "0")), 1 << 20)
            index += 1
        }
        guard index + 1 < utf8.count, utf8[index] == UInt8(ascii: "<"), utf8[index + 1] == UInt8(ascii: "<") else { return nil }
        index += 2
        var stripsTabs = false
        if index < utf8.count, utf8[index] == UInt8(ascii: "-") {
            stripsTabs = true
            index += 1
        }
        let rest = utf8[index...]
        guard !rest.isEmpty, !rest.contains(UInt8(ascii: "<")) else { return nil }
        // The delimiter must be one shell word once quotes are removed.
        var name: [UInt8] = []
        var quote: UInt8 = 0
        var quoted = false
        var position = rest.startIndex
        while position < rest.endIndex {
            let byte = rest[position]
            position += 1
            if quote == 0 {
                if Words.isSpace(byte) { return nil }
                if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                    quote = byte
                    quoted = true
                    continue
                }
                if byte == UInt8(ascii: "\\"), position < rest.endIndex {
                    name.append(rest[position])
                    position += 1
                    continue
                }
            } else if byte == quote {
                quote = 0
                continue
            } else if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\""), position < rest.endIndex,
                      [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "$")].contains(rest[position]) {
                name.append(rest[position])
                position += 1
                continue
            }
            name.append(byte)
        }
        guard !name.isEmpty else { return nil }
        return (fd, stripsTabs, String(decoding: name, as: UTF8.self), !quoted)
    }
}
