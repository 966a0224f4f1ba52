/// The scripts inside a word's command substitutions: `$(…)` and `` `…` ``, outside single quotes.
/// hadolint (through ShellCheck) sees the commands in them, so rules must too:
/// `RUN echo $(apt-get install -y foo)` installs `foo`.
enum CommandSubstitution {
    /// The bodies of the top-level substitutions of a word as written (`raw`), in order.
    /// Arithmetic `$((…))` is not a command. Nested substitutions are found when the body is parsed.
    static func bodies(in raw: String) -> [String] {
        let bytes = Array(raw.utf8)
        var bodies: [String] = []
        var i = 0
        var inSingle = false, inDouble = false
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\\"), !inSingle {
                i += 2
                continue
            }
            if byte == UInt8(ascii: "'"), !inDouble {
                inSingle.toggle()
            } else if byte == UInt8(ascii: "\""), !inSingle {
                inDouble.toggle()
            } else if !inSingle, byte == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "(") {
                if i + 2 < bytes.count, bytes[i + 2] == UInt8(ascii: "(") {
                    i += 3  // $(( arithmetic: no command inside
                    continue
                }
                let end = closingParen(bytes, from: i + 2)
                bodies.append(String(decoding: bytes[(i + 2)..<end], as: UTF8.self))
                i = end + 1
                continue
            } else if !inSingle, byte == UInt8(ascii: "`") {
                var end = i + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "`") {
                    end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                bodies.append(String(decoding: bytes[(i + 1)..<min(end, bytes.count)], as: UTF8.self))
                i = end + 1
                continue
            }
            i += 1
        }
        return bodies
    }

    /// The index of the `)` closing a `$(` whose body starts at `start` (or the end of the word
    /// when unbalanced), skipping quoted text and nested parentheses.
    private static func closingParen(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 1, i = start
        var inSingle = false, inDouble = false
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\\"), !inSingle {
                i += 2
                continue
            }
            if byte == UInt8(ascii: "'"), !inDouble { inSingle.toggle() }
            else if byte == UInt8(ascii: "\""), !inSingle { inDouble.toggle() }
            else if !inSingle, !inDouble, byte == UInt8(ascii: "(") { depth += 1 }
            else if !inSingle, !inDouble, byte == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return i }
            }
            i += 1
        }
        return bytes.count
    }
}
