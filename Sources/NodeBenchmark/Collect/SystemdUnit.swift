/// The kubelet's command line as systemd would start it: `ExecStart=` of the unit and its
/// drop-ins (`kubelet.service.d/*.conf`, in name order), with `Environment=` and
/// `EnvironmentFile=` variables expanded. Used when no running kubelet is visible under `/proc`.
package struct SystemdUnit: Sendable {
    package var execStart: [String]?
    package var files: [String]
    package var environment: [String: String]

    /// Unit folders in systemd's order of precedence (the first that has the unit wins).
    static let unitFolders = ["/etc/systemd/system", "/run/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"]

    package static func load(_ name: String, from files: some NodeFileSystem) -> SystemdUnit? {
        var paths: [String] = []
        if let main = unitFolders.map({ "\($0)/\(name)" }).first(where: files.exists) { paths.append(main) }
        // Drop-ins from every folder, ordered by file name (a later folder's same-named file loses).
        var dropIns: [String: String] = [:]
        for folder in unitFolders.reversed() {
            guard case .success(let names) = files.list("\(folder)/\(name).d") else { continue }
            for file in names where file.hasSuffix(".conf") { dropIns[file] = "\(folder)/\(name).d/\(file)" }
        }
        paths += dropIns.keys.sorted().compactMap { dropIns[$0] }
        guard !paths.isEmpty else { return nil }
        var unit = SystemdUnit(execStart: nil, files: paths, environment: [:])
        for path in paths {
            guard case .success(let text) = files.text(path) else { continue }
            unit.apply(text, files: files)
        }
        return unit
    }

    private mutating func apply(_ text: String, files: some NodeFileSystem) {
        var section = ""
        for line in Self.logicalLines(text) {
            if line.hasPrefix("[") { section = line; continue }
            guard section == "[Service]", let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmed()
            let value = String(line[line.index(after: equals)...]).trimmed()
            switch key {
            case "ExecStart":
                // An empty assignment resets the list; a unit then sets its own command.
                var words = Self.words(value)
                if !words.isEmpty { words[0] = Self.stripPrefixes(words[0]) }
                execStart = words.isEmpty ? nil : words
            case "Environment":
                for assignment in Self.words(value) { assign(assignment) }
            case "EnvironmentFile":
                let optional = value.hasPrefix("-")
                let path = optional ? String(value.dropFirst()) : value
                if case .success(let content) = files.text(path) {
                    for line in Self.logicalLines(content) { assign(Self.words(line).first ?? "") }
                }
            default:
                break
            }
        }
    }

    private mutating func assign(_ assignment: String) {
        guard let equals = assignment.firstIndex(of: "=") else { return }
        environment[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
    }

    /// The command line with `$VAR` and `${VAR}` expanded; `$VAR` alone in a word splits into words,
    /// as systemd does.
    package var commandLine: [String]? {
        guard let execStart else { return nil }
        var words: [String] = []
        for word in execStart {
            if word.hasPrefix("$"), !word.hasPrefix("${"), let value = environment[String(word.dropFirst())] {
                words += Self.words(value)
            } else if word.hasPrefix("$"), !word.hasPrefix("${") {
                continue
            } else {
                words.append(expand(word))
            }
        }
        return words
    }

    private func expand(_ word: String) -> String {
        var out = ""
        var rest = Substring(word)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            rest = rest[rest.index(after: dollar)...]
            if rest.hasPrefix("{"), let close = rest.firstIndex(of: "}") {
                out += environment[String(rest[rest.index(after: rest.startIndex)..<close])] ?? ""
                rest = rest[rest.index(after: close)...]
            } else {
                out += "$"
            }
        }
        return out + rest
    }

    /// `-`, `@`, `+`, `!` and `:` prefixes of ExecStart's program change how systemd runs it, not what.
    private static func stripPrefixes(_ word: String) -> String {
        String(word.drop(while: { "-@+!:".contains($0) }))
    }

    /// Lines with comments dropped and backslash continuations joined.
    static func logicalLines(_ text: String) -> [String] {
        var lines: [String] = []
        var pending = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmed()
            if pending.isEmpty, line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            let joined = pending + line
            pending = ""
            if !joined.isEmpty { lines.append(joined) }
        }
        if !pending.isEmpty { lines.append(pending) }
        return lines
    }

    /// Splits on whitespace, honouring single and double quotes and backslash escapes.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
                inWord = true
            } else if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
