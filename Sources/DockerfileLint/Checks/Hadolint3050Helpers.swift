import EKSGuardCore

// Helpers shared by the DL3050–DL3067 rules.

// MARK: - Label schema (DL3050–DL3058)

/// The value kinds a `.hadolint.yaml` `label-schema` entry can require.
enum LabelSchemaKind: String {
    case text, url, semver, hash, rfc3339, spdx, email

    /// The kind a schema entry names; an empty entry means `text`, as in hadolint.
    init?(schemaValue: String) {
        let value = schemaValue.lowercased()
        self.init(rawValue: value.isEmpty ? "text" : value)
    }
}

extension HadolintConfig {
    /// Schema labels of one kind (every schema label for nil), sorted so findings come out in a stable order.
    func schemaLabels(of kind: LabelSchemaKind?) -> [String] {
        labelSchema.filter { kind == nil || LabelSchemaKind(schemaValue: $0.value) == kind }.keys.sorted()
    }
}

extension Dockerfile {
    /// Every `LABEL` instruction with its pairs. Triggers of `ONBUILD` are left out: hadolint's label
    /// rules do not look inside them (the labels land on the child image, checked where it is built).
    var labelInstructions: [(instruction: Instruction, labels: KeyValueInstruction)] {
        instructions.compactMap { instruction in
            guard instruction.kind == .label, let labels = instruction.keyValues else { return nil }
            return (instruction, labels)
        }
    }
}

/// The value rules DL3051–DL3058: for each schema label of `kind` (all labels for nil) and each `LABEL`
/// instruction, one finding when a pair with that key holds a value `isValid` rejects.
func schemaLabelValueFindings(
    _ subject: DockerfileSubject, _ context: DockerfileContext, kind: LabelSchemaKind?,
    message: (String) -> String, isValid: (String) -> Bool
) -> [Finding] {
    var out = DockerfileFindings(subject)
    let labels = subject.dockerfile.labelInstructions
    for name in context.config.schemaLabels(of: kind) {
        for (instruction, pairs) in labels where pairs.pairs.contains(where: { $0.key == name && !isValid($0.value) }) {
            out.fail(message(name), at: instruction)
        }
    }
    return out.findings
}

/// Value formats the label schema can require, checked the way hadolint's libraries do.
enum LabelValue {
    /// An absolute URI as RFC 3986 defines it (`scheme:hier-part[?query][#fragment]`), what Haskell's
    /// `Network.URI.parseURI` accepts: a scheme is required, and every other character must be allowed
    /// where it stands or percent-encoded.
    static func isAbsoluteURI(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let colon = bytes.firstIndex(of: ascii(":")), colon > 0, isAlpha(bytes[0]),
              bytes[1..<colon].allSatisfy({ isAlpha($0) || isDigit($0) || "+-.".utf8.contains($0) })
        else { return false }
        var rest = bytes[(colon + 1)...]
        let pathChars: Set<UInt8> = [ascii(":"), ascii("@"), ascii("/")]
        let queryChars = pathChars.union([ascii("?")])
        if let hash = rest.firstIndex(of: ascii("#")) {
            guard uriChars(rest[(hash + 1)...], extra: queryChars) else { return false }
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: ascii("?")) {
            guard uriChars(rest[(question + 1)...], extra: queryChars) else { return false }
            rest = rest[..<question]
        }
        guard rest.starts(with: [ascii("/"), ascii("/")]) else { return uriChars(rest, extra: pathChars) }
        let afterSlashes = rest.dropFirst(2)
        let authorityEnd = afterSlashes.firstIndex(of: ascii("/")) ?? afterSlashes.endIndex
        return isAuthority(afterSlashes[..<authorityEnd]) && uriChars(afterSlashes[authorityEnd...], extra: pathChars)
    }

    /// `[userinfo@]host[:port]`, host being a bracketed IP literal or a registered name.
    private static func isAuthority(_ authority: ArraySlice<UInt8>) -> Bool {
        var hostPort = authority
        if let at = authority.lastIndex(of: ascii("@")) {
            guard uriChars(authority[..<at], extra: [ascii(":")]) else { return false }
            hostPort = authority[(at + 1)...]
        }
        var port: ArraySlice<UInt8> = []
        if hostPort.first == ascii("[") {
            guard let close = hostPort.firstIndex(of: ascii("]")) else { return false }
            let literal = hostPort[(hostPort.startIndex + 1)..<close]
            guard !literal.isEmpty, uriChars(literal, extra: [ascii(":")]) else { return false }
            let after = hostPort[(close + 1)...]
            guard after.isEmpty || after.first == ascii(":") else { return false }
            port = after.dropFirst()
        } else {
            let colon = hostPort.firstIndex(of: ascii(":")) ?? hostPort.endIndex
            guard uriChars(hostPort[..<colon], extra: []) else { return false }
            port = hostPort[colon...].dropFirst()
        }
        return port.allSatisfy(isDigit)
    }

    /// True when every byte is unreserved, a sub-delimiter, in `extra`, or part of a `%XX` escape.
    private static func uriChars(_ bytes: ArraySlice<UInt8>, extra: Set<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == ascii("%") {
                guard index + 2 < bytes.endIndex, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return false }
                index += 3
                continue
            }
            let unreservedOrSubDelimiter = isAlpha(byte) || isDigit(byte) || "-._~!$&'()*+,;=".utf8.contains(byte)
            guard unreservedOrSubDelimiter || extra.contains(byte) else { return false }
            index += 1
        }
        return true
    }

    /// An RFC 3339 timestamp in the forms hadolint's `timerep` parses: `YYYY-MM-DDTHH:MM:SS`, an
    /// optional fraction, then `Z` or a `±HH:MM` / `±HHMM` offset; the date and time must exist.
    static func isRFC3339(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count, bytes[start..<(start + count)].allSatisfy(isDigit) else { return nil }
            return bytes[start..<(start + count)].reduce(0) { $0 * 10 + Int($1 - ascii("0")) }
        }
        func byte(_ index: Int, is character: Unicode.Scalar) -> Bool { index < bytes.count && bytes[index] == ascii(character) }
        guard let year = number(0, 4), byte(4, is: "-"), let month = number(5, 2), byte(7, is: "-"), let day = number(8, 2),
              byte(10, is: "T"), let hour = number(11, 2), byte(13, is: ":"), let minute = number(14, 2), byte(16, is: ":"),
              let second = number(17, 2)
        else { return false }
        let isLeapYear = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let daysInMonth = [31, isLeapYear ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...daysInMonth[month - 1]).contains(day), hour < 24, minute < 60, second <= 60
        else { return false }
        var index = 19
        if byte(index, is: ".") {
            index += 1
            let digits = bytes[index...].prefix(while: isDigit).count
            guard digits > 0 else { return false }
            index += digits
        }
        if byte(index, is: "Z") { return index + 1 == bytes.count }
        guard byte(index, is: "+") || byte(index, is: "-"), let offsetHours = number(index + 1, 2), offsetHours < 24
        else { return false }
        let minutesAt = byte(index + 3, is: ":") ? index + 4 : index + 3
        guard let offsetMinutes = number(minutesAt, 2), offsetMinutes < 60 else { return false }
        return minutesAt + 2 == bytes.count
    }

    /// A git commit hash: 7 (short) or 40 lowercase hexadecimal characters.
    static func isGitHash(_ text: String) -> Bool {
        (text.utf8.count == 7 || text.utf8.count == 40)
            && text.utf8.allSatisfy { isDigit($0) || ($0 >= ascii("a") && $0 <= ascii("f")) }
    }

    /// A Semantic Versioning 2.0.0 version: `MAJOR.MINOR.PATCH`, then optional `-pre.release`
    /// and `+build.metadata` identifiers; numbers have no leading zeros.
    static func isSemVer(_ text: String) -> Bool {
        var rest = Substring(text)
        var build: Substring?
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...]
            rest = rest[..<plus]
        }
        var prerelease: Substring?
        if let dash = rest.firstIndex(of: "-") {
            prerelease = rest[rest.index(after: dash)...]
            rest = rest[..<dash]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3, core.allSatisfy(isSemVerNumber) else { return false }
        let identifiers = { (part: Substring) in part.split(separator: ".", omittingEmptySubsequences: false) }
        let isIdentifier = { (identifier: Substring) in
            !identifier.isEmpty && identifier.utf8.allSatisfy { isAlpha($0) || isDigit($0) || $0 == ascii("-") }
        }
        if let prerelease {
            guard identifiers(prerelease).allSatisfy({ isIdentifier($0) && (!$0.utf8.allSatisfy(isDigit) || isSemVerNumber($0)) })
            else { return false }
        }
        if let build {
            guard identifiers(build).allSatisfy(isIdentifier) else { return false }
        }
        return true
    }

    private static func isSemVerNumber(_ part: Substring) -> Bool {
        !part.isEmpty && part.utf8.allSatisfy(isDigit) && (part == "0" || part.first != "0")
    }

    /// An RFC 5322 `addr-spec` (`local@domain`), as hadolint's `email-validate` accepts it: a dot-atom
    /// or quoted local part, and a domain of letter/digit/hyphen labels or a bracketed literal.
    static func isEmail(_ text: String) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at].utf8
        let domain = text[text.index(after: at)...].utf8
        let localValid: Bool
        if local.first == ascii("\""), local.count >= 2, local.last == ascii("\"") {
            localValid = isQuotedContent(local.dropFirst().dropLast())
        } else {
            localValid = isDotAtom(local)
        }
        guard localValid, !domain.isEmpty else { return false }
        if domain.first == ascii("[") {
            return domain.count >= 2 && domain.last == ascii("]")
                && domain.dropFirst().dropLast().allSatisfy { $0 > 32 && $0 < 127 && !"[]\\".utf8.contains($0) }
        }
        guard domain.count <= 253 else { return false }
        return domain.split(separator: ascii("."), omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != ascii("-") && label.last != ascii("-")
                && label.allSatisfy { isAlpha($0) || isDigit($0) || $0 == ascii("-") }
        }
    }

    private static func isDotAtom(_ bytes: Substring.UTF8View) -> Bool {
        bytes.split(separator: ascii("."), omittingEmptySubsequences: false).allSatisfy { atom in
            !atom.isEmpty && atom.allSatisfy { isAlpha($0) || isDigit($0) || "!#$%&'*+-/=?^_`{|}~".utf8.contains($0) }
        }
    }

    /// The inside of a quoted local part: printable ASCII and spaces, `"` and `\` only escaped.
    private static func isQuotedContent(_ bytes: Substring.UTF8View.SubSequence) -> Bool {
        var escaped = false
        for byte in bytes {
            if escaped {
                escaped = false
            } else if byte == ascii("\\") {
                escaped = true
            } else if byte == ascii("\"") || byte < 32 || byte > 126 {
                return false
            }
        }
        return !escaped
    }
}

private func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(ascii: character) }
private func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= ascii("a") && (byte | 0x20) <= ascii("z") }
private func isDigit(_ byte: UInt8) -> Bool { byte >= ascii("0") && byte <= ascii("9") }
private func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || ((byte | 0x20) >= ascii("a") && (byte | 0x20) <= ascii("f")) }

// MARK: - RUN instructions

extension RunInstruction {
    /// True when a `--mount=type=cache` or `type=tmpfs` mount's target contains `fragment`: the
    /// cache then lives outside the image layer.
    func hasCacheOrTmpfsMount(containing fragment: String) -> Bool {
        mounts.contains { ($0.type == "cache" || $0.type == "tmpfs") && ($0.target ?? "").contains(fragment) }
    }
}

extension ShellWord {
    /// True when the word runs a command substitution (`$(…)` or backticks) outside single quotes.
    /// The shell parser keeps substitutions inside their word instead of listing their commands, so
    /// rules that count commands (DL3059) look here.
    var hasCommandSubstitution: Bool {
        guard hasSubstitution else { return false }
        let bytes = Array(raw.utf8)
        var singleQuoted = false
        var doubleQuoted = false
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case ascii("\\") where !singleQuoted: index += 1
            case ascii("'") where !doubleQuoted: singleQuoted.toggle()
            case ascii("\"") where !singleQuoted: doubleQuoted.toggle()
            case ascii("`") where !singleQuoted: return true
            // `$(` runs a command; `$((` is arithmetic.
            case ascii("$") where !singleQuoted && index + 1 < bytes.count && bytes[index + 1] == ascii("(")
                && (index + 2 == bytes.count || bytes[index + 2] != ascii("(")):
                return true
            default: break
            }
            index += 1
        }
        return false
    }
}
