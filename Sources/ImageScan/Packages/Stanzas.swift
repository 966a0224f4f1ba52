/// Blank-line separated records of `Field: value` lines, the shape of dpkg's status file and of apk's
/// installed database (`X:value`). Continuation lines (leading blank) are appended to the previous field.
struct Stanzas: Sequence {
    let text: String
    /// Field names compare case-insensitively in dpkg; apk's single letters are case-sensitive.
    let foldCase: Bool

    func makeIterator() -> AnyIterator<[String: String]> {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        return AnyIterator {
            var fields: [String: String] = [:]
            var lastKey: String?
            while let raw = lines.next() {
                let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
                if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                    if fields.isEmpty { continue }
                    return fields
                }
                if line.first == " " || line.first == "\t" {
                    if let lastKey { fields[lastKey, default: ""] += "\n" + line.trimming(" \t") }
                    continue
                }
                guard let colon = line.firstIndex(of: ":") else { continue }
                let key = foldCase ? line[..<colon].lowercased() : String(line[..<colon])
                fields[key] = line[line.index(after: colon)...].trimming(" \t")
                lastKey = key
            }
            return fields.isEmpty ? nil : fields
        }
    }
}
