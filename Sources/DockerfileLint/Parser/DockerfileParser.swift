import EKSGuardCore

/// Reads a Dockerfile's bytes into instructions the way BuildKit's parser does (frontend/dockerfile/
/// parser): directives at the top, comment and blank lines skipped, continuation lines joined with
/// the escape character (comment and blank lines inside them dropped), heredoc bodies read after
/// the instruction line, then each instruction parsed into its typed view.
///
/// Every loop moves forward through the bytes, so the time is linear in the file size; the only
/// recursion is `ONBUILD` (one level) and `sh -c` nesting (bounded by the limits).
struct DockerfileParser {
    private let bytes: [UInt8]
    private let limits: DockerfileLimits
    /// Offset of the next unread line.
    private var next = 0
    /// Number of the line last read.
    private var lineNumber = 0
    private var escape = UInt8(ascii: "\\")
    private var directives: [ParserDirectives.Directive] = []
    private var comments: [Comment] = []
    private var instructions: [Instruction] = []
    private var emptyContinuationLines: [Int] = []
    /// The `SHELL` in effect, and each named stage's last one (a stage built `FROM` another inherits it).
    private var shell = DockerfileParser.defaultShell
    private var stageShells: [String: [String]] = [:]
    private var currentStageAlias: String?

    static let defaultShell = ["/bin/sh", "-c"]

    private init(bytes: [UInt8], limits: DockerfileLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    static func parse(_ bytes: [UInt8], limits: DockerfileLimits) throws(DockerfileParseError) -> Dockerfile {
        guard bytes.count <= limits.maxFileBytes else {
            throw DockerfileParseError(.tooLarge, line: 0, "file is larger than \(limits.maxFileBytes) bytes")
        }
        if let nul = bytes.firstIndex(of: 0) {
            let line = bytes[..<nul].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw DockerfileParseError(.binaryContent, line: line, "binary content (NUL byte); not a Dockerfile")
        }
        var parser = DockerfileParser(bytes: bytes, limits: limits)
        return try parser.run()
    }

    // MARK: Lines

    /// The next line without its line ending (and without a UTF-8 byte order mark on line 1), plus
    /// the offset where the raw line starts.
    private mutating func readLine() -> (content: Range<Int>, rawStart: Int)? {
        guard next < bytes.count else { return nil }
        let start = next
        var end = start
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        next = end < bytes.count ? end + 1 : end
        lineNumber += 1
        while end > start, bytes[end - 1] == 0x0D { end -= 1 }
        var contentStart = start
        if lineNumber == 1, end - start >= 3, bytes[start] == 0xEF, bytes[start + 1] == 0xBB, bytes[start + 2] == 0xBF {
            contentStart += 3
        }
        return (contentStart..<end, start)
    }

    private func skipSpaces(_ range: Range<Int>) -> Int {
        var index = range.lowerBound
        while index < range.upperBound, Words.isSpace(bytes[index]) { index += 1 }
        return index
    }

    /// Where a line's content ends and whether it continues: the escape character, then only
    /// spaces or tabs, not itself escaped (BuildKit's `([^\\])\\[ \t]*$|^\\[ \t]*$`).
    private func continuation(_ range: Range<Int>) -> (end: Int, continues: Bool) {
        var end = range.upperBound
        while end > range.lowerBound, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard end > range.lowerBound, bytes[end - 1] == escape else { return (range.upperBound, false) }
        let escapeIndex = end - 1
        if escapeIndex > range.lowerBound, bytes[escapeIndex - 1] == escape { return (range.upperBound, false) }
        return (escapeIndex, true)
    }

    private mutating func recordComment(_ range: Range<Int>, hash: Int, lineStart: Int, inside: Bool) {
        var start = hash + 1
        while start < range.upperBound, Words.isSpace(bytes[start]) { start += 1 }
        var end = range.upperBound
        while end > start, Words.isSpace(bytes[end - 1]) { end -= 1 }
        comments.append(Comment(
            text: String(decoding: bytes[start..<end], as: UTF8.self),
            position: SourcePosition(line: lineNumber, column: column(of: hash, lineStart: lineStart)),
            isInsideInstruction: inside))
    }

    /// 1-based column of a byte, counting Unicode scalars from the line start.
    private func column(of offset: Int, lineStart: Int) -> Int {
        var column = 1
        var index = lineStart
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }

    // MARK: Top level

    private mutating func run() throws(DockerfileParseError) -> Dockerfile {
        var directivesDone = false
        var seen: Set<String> = []
        while let (content, _) = readLine() {
            let first = skipSpaces(content)
            if !directivesDone {
                if let (key, value) = ParserDirectives.match(bytes, from: first, to: content.upperBound),
                   ParserDirectives.known.contains(key) {
                    guard seen.insert(key).inserted else {
                        throw DockerfileParseError(.invalidDirective, line: lineNumber, "only one \(key) parser directive can be used")
                    }
                    if key == "escape" {
                        guard value == "\\" || value == "`" else {
                            throw DockerfileParseError(
                                .invalidDirective, line: lineNumber, "invalid escape token '\(value)' does not match ` or \\")
                        }
                        escape = UInt8(ascii: value == "`" ? "`" : "\\")
                    }
                    directives.append(.init(
                        name: key, value: value,
                        position: SourcePosition(line: lineNumber, column: column(of: first, lineStart: content.lowerBound))))
                    continue
                }
                directivesDone = true
            }
            if first == content.upperBound { continue }
            if bytes[first] == UInt8(ascii: "#") {
                recordComment(content, hash: first, lineStart: content.lowerBound, inside: false)
                continue
            }
            try readInstruction(content, start: first)
        }
        guard !instructions.isEmpty else {
            throw DockerfileParseError(.noInstructions, line: 0, "file with no instructions")
        }
        return Dockerfile(
            directives: ParserDirectives(all: directives, escape: Character(Unicode.Scalar(escape))),
            instructions: instructions, comments: comments, lineCount: lineNumber,
            emptyContinuationLines: emptyContinuationLines)
    }

    // MARK: Instructions

    private mutating func readInstruction(_ firstLine: Range<Int>, start: Int) throws(DockerfileParseError) {
        let startLine = lineNumber
        var joined: [UInt8] = []
        var segments = [SourceLocator.Segment(offset: 0, line: startLine, column: column(of: start, lineStart: firstLine.lowerBound))]
        var (contentEnd, continues) = continuation(start..<firstLine.upperBound)
        joined.append(contentsOf: bytes[start..<contentEnd])
        var lines = 1
        while continues, let (content, _) = readLine() {
            lines += 1
            guard lines <= limits.maxLinesPerInstruction else {
                throw DockerfileParseError(
                    .instructionTooLong, line: startLine, "instruction spans more than \(limits.maxLinesPerInstruction) lines")
            }
            let first = skipSpaces(content)
            if first < content.upperBound, bytes[first] == UInt8(ascii: "#") {
                recordComment(content, hash: first, lineStart: content.lowerBound, inside: true)
                continue
            }
            if first == content.upperBound {
                emptyContinuationLines.append(lineNumber)
                continue
            }
            (contentEnd, continues) = continuation(content)
            segments.append(.init(offset: joined.count, line: lineNumber, column: 1))
            joined.append(contentsOf: bytes[content.lowerBound..<contentEnd])
        }
        while let last = joined.last, Words.isSpace(last) { joined.removeLast() }
        let locator = SourceLocator(segments: segments, text: joined)

        let header = try Self.header(joined, start: 0, line: startLine)
        var trigger: (header: Header, bytes: [UInt8], locator: SourceLocator)?
        if header.kind == .onbuild {
            guard !header.arguments.isEmpty else {
                throw DockerfileParseError(.invalidArguments, line: startLine, "ONBUILD requires at least one argument")
            }
            let innerBytes = Array(joined[header.arguments.lowerBound...])
            let innerHeader = try Self.header(innerBytes, start: 0, line: startLine)
            switch innerHeader.kind {
            case .onbuild:
                throw DockerfileParseError(.invalidArguments, line: startLine, "chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")
            case .from, .maintainer:
                throw DockerfileParseError(
                    .invalidArguments, line: startLine, "\(innerHeader.kind.rawValue) isn't allowed as an ONBUILD trigger")
            default:
                trigger = (innerHeader, innerBytes, locator.suffix(from: header.arguments.lowerBound))
            }
        }

        // Heredocs belong to RUN, COPY and ADD in shell form (also as an ONBUILD trigger).
        let effective = trigger?.header ?? header
        let effectiveBytes = trigger?.bytes ?? joined
        let form = try Self.form(of: effective.kind, effectiveBytes, effective.arguments, line: startLine)
        var heredocs: [Heredoc] = []
        if [.run, .copy, .add].contains(effective.kind), !form.isExec, Words.containsHeredocOperator(joined) {
            heredocs = try readHeredocs(joined, locator: locator, startLine: startLine, lines: &lines)
        }

        let instruction: Instruction
        if let trigger {
            let inner = try build(
                trigger.header, trigger.bytes, locator: trigger.locator, form: form, heredocs: heredocs,
                shell: Self.defaultShell, line: startLine)
            let outerForm = ArgumentForm.shell(String(decoding: joined[header.arguments], as: UTF8.self))
            instruction = make(header, joined, locator: locator, form: outerForm, heredocs: heredocs, details: .onbuild(inner))
        } else {
            if header.kind == .from { startStage(joined, header) }
            let details = try buildDetails(
                header, joined, locator: locator, form: form, heredocs: heredocs, shell: shell, line: startLine)
            instruction = make(header, joined, locator: locator, form: form, heredocs: heredocs, details: details)
            if case .shell(let value) = details {
                shell = value.argv
                if let currentStageAlias { stageShells[currentStageAlias] = shell }
            }
        }
        instructions.append(instruction)
    }

    /// A new stage resets the `SHELL`, unless it is built from an earlier stage, whose shell it inherits.
    private mutating func startStage(_ joined: [UInt8], _ header: Header) {
        let words = Words.whitespaceDelimited(joined, header.arguments)
        let base = words.first?.text.lowercased() ?? ""
        shell = stageShells[base] ?? Self.defaultShell
        currentStageAlias = words.count == 3 ? words[2].text.lowercased() : nil
        if let currentStageAlias { stageShells[currentStageAlias] = shell }
    }

    struct Header {
        var kind: InstructionKind
        var keywordSpelling: String
        var keywordOffset: Int
        /// Text after the keyword (options included).
        var afterKeyword: Range<Int>
        var flags: [(text: String, start: Int)]
        /// Arguments after the options, trimmed.
        var arguments: Range<Int>
    }

    /// Keyword, options and argument range of an instruction line (BuildKit's `splitCommand`).
    static func header(_ bytes: [UInt8], start: Int, line: Int) throws(DockerfileParseError) -> Header {
        var index = start
        while index < bytes.count, Words.isSpace(bytes[index]) { index += 1 }
        let keywordStart = index
        while index < bytes.count, !Words.isSpace(bytes[index]) { index += 1 }
        let spelling = String(decoding: bytes[keywordStart..<index], as: UTF8.self)
        guard let kind = InstructionKind(rawValue: spelling.uppercased()) else {
            let shown = spelling.count > 40 ? String(spelling.prefix(40)) + "…" : spelling
            throw DockerfileParseError(.unknownInstruction, line: line, "unknown instruction: \(shown)")
        }
        while index < bytes.count, Words.isSpace(bytes[index]) { index += 1 }
        let afterKeyword = index..<bytes.count
        let (flags, rest) = Words.leadingFlags(bytes, afterKeyword)
        return Header(
            kind: kind, keywordSpelling: spelling, keywordOffset: keywordStart, afterKeyword: afterKeyword, flags: flags,
            arguments: rest..<max(rest, bytes.count))
    }

    /// Exec or shell form, per instruction, as BuildKit's dispatch table decides.
    static func form(of kind: InstructionKind, _ bytes: [UInt8], _ range: Range<Int>, line: Int) throws(DockerfileParseError) -> ArgumentForm {
        switch kind {
        case .run, .cmd, .entrypoint, .shell, .add, .copy, .volume:
            return try maybeExecForm(bytes, range, line: line)
        default:
            return .shell(String(decoding: bytes[range], as: UTF8.self))
        }
    }

    /// BuildKit's `parseMaybeJSON`: a JSON array of strings is exec form; JSON with other values is
    /// an error; anything else (including a malformed array) is shell form.
    static func maybeExecForm(_ bytes: [UInt8], _ range: Range<Int>, line: Int) throws(DockerfileParseError) -> ArgumentForm {
        switch ExecForm.parse(bytes[range]) {
        case .strings(let strings):
            return .exec(strings)
        case .notStrings:
            throw DockerfileParseError(
                .invalidArguments, line: line, "when using JSON array syntax, arrays must be comprised of strings only")
        case .notJSON:
            return .shell(String(decoding: bytes[range], as: UTF8.self))
        }
    }

    private func flags(_ header: Header, locator: SourceLocator) -> [Flag] {
        header.flags.map { flag in
            let body = flag.text.dropFirst(2)
            let position = locator.position(at: flag.start)
            if let equals = body.firstIndex(of: "=") {
                return Flag(name: String(body[..<equals]), value: String(body[body.index(after: equals)...]), position: position)
            }
            return Flag(name: String(body), value: nil, position: position)
        }
    }

    private func build(
        _ header: Header, _ bytes: [UInt8], locator: SourceLocator, form: ArgumentForm, heredocs: [Heredoc],
        shell: [String], line: Int
    ) throws(DockerfileParseError) -> Instruction {
        let details = try buildDetails(header, bytes, locator: locator, form: form, heredocs: heredocs, shell: shell, line: line)
        return make(header, bytes, locator: locator, form: form, heredocs: heredocs, details: details)
    }

    private func buildDetails(
        _ header: Header, _ bytes: [UInt8], locator: SourceLocator, form: ArgumentForm, heredocs: [Heredoc],
        shell: [String], line: Int
    ) throws(DockerfileParseError) -> InstructionDetails {
        let context = InstructionContext(
            kind: header.kind, bytes: bytes, argumentsRange: header.arguments, flags: flags(header, locator: locator),
            form: form, heredocs: heredocs, locator: locator, escape: Character(Unicode.Scalar(escape)), line: line,
            limits: limits, shell: shell)
        switch header.kind {
        case .from: return .from(try FromInstruction.parse(context))
        case .run: return .run(try RunInstruction.parse(context))
        case .copy, .add: return .copy(try CopyInstruction.parse(context))
        case .env, .label: return .keyValues(try KeyValueInstruction.parse(context))
        case .arg: return .arg(try ArgInstruction.parse(context))
        case .user: return .user(try UserInstruction.parse(context))
        case .workdir: return .workdir(try WorkdirInstruction.parse(context))
        case .expose: return .expose(try ExposeInstruction.parse(context))
        case .cmd, .entrypoint: return .command(try CommandInstruction.parse(context))
        case .shell: return .shell(try ShellInstruction.parse(context))
        case .healthcheck: return .healthcheck(try HealthcheckInstruction.parse(context))
        case .stopsignal: return .stopSignal(try StopSignalInstruction.parse(context))
        case .volume: return .volume(try VolumeInstruction.parse(context))
        case .maintainer: return .maintainer(try MaintainerInstruction.parse(context))
        case .onbuild: throw DockerfileParseError(.invalidArguments, line: line, "ONBUILD requires a trigger instruction")
        }
    }

    private func make(
        _ header: Header, _ bytes: [UInt8], locator: SourceLocator, form: ArgumentForm, heredocs: [Heredoc],
        details: InstructionDetails
    ) -> Instruction {
        Instruction(
            kind: header.kind, keywordSpelling: header.keywordSpelling, position: locator.position(at: header.keywordOffset),
            endLine: lineNumber, text: String(decoding: bytes, as: UTF8.self),
            arguments: String(decoding: bytes[header.afterKeyword], as: UTF8.self), flags: flags(header, locator: locator),
            form: form, argumentsPosition: locator.position(at: header.arguments.lowerBound), heredocs: heredocs,
            details: details, locator: locator, argumentText: String(decoding: bytes[header.arguments], as: UTF8.self))
    }

    // MARK: Heredocs

    /// Finds heredoc markers in the instruction line and reads each body from the following lines.
    private mutating func readHeredocs(
        _ joined: [UInt8], locator: SourceLocator, startLine: Int, lines: inout Int
    ) throws(DockerfileParseError) -> [Heredoc] {
        var heredocs: [Heredoc] = []
        for word in Words.shellLike(joined, 0..<joined.count) {
            guard let marker = Heredoc.marker(in: word.text) else { continue }
            let name = Array(marker.name.utf8)
            let bodyStart = next
            let bodyLine = lineNumber + 1
            var terminator: (line: Int, start: Int)?
            while let (content, rawStart) = readLine() {
                lines += 1
                guard lines <= limits.maxLinesPerInstruction else {
                    throw DockerfileParseError(
                        .instructionTooLong, line: startLine, "instruction spans more than \(limits.maxLinesPerInstruction) lines")
                }
                var candidate = content.lowerBound
                if marker.stripsTabs {
                    while candidate < content.upperBound, bytes[candidate] == 0x09 { candidate += 1 }
                }
                if bytes[candidate..<content.upperBound].elementsEqual(name) {
                    terminator = (lineNumber, rawStart)
                    break
                }
            }
            guard let terminator else {
                throw DockerfileParseError(.unterminatedHeredoc, line: startLine, "unterminated heredoc \(word.text)")
            }
            var body = Array(bytes[bodyStart..<terminator.start])
            var tabs: [Int] = []
            if marker.stripsTabs { (body, tabs) = Self.stripLeadingTabs(body) }
            heredocs.append(Heredoc(
                name: marker.name, marker: word.text, stripsTabs: marker.stripsTabs, expands: marker.expands,
                fileDescriptor: marker.fd, body: String(decoding: body, as: UTF8.self),
                markerPosition: locator.position(at: word.start), bodyLine: bodyLine, terminatorLine: terminator.line,
                bodyLocator: SourceLocator(lines: body[...], firstLine: bodyLine, columnOffsets: tabs)))
        }
        return heredocs
    }

    /// `<<-`: leading tabs removed from every line; returns how many per line, for columns.
    static func stripLeadingTabs(_ body: [UInt8]) -> ([UInt8], [Int]) {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var tabs: [Int] = []
        var atLineStart = true
        var count = 0
        for byte in body {
            if atLineStart, byte == 0x09 {
                count += 1
                continue
            }
            if atLineStart {
                tabs.append(count)
                count = 0
                atLineStart = false
            }
            out.append(byte)
            if byte == 0x0A { atLineStart = true }
        }
        return (out, tabs)
    }
}
