import EKSGuardCore

/// Turns the lexer's tokens into simple commands: words grouped per command, shell keywords
/// (`if`, `then`, `for … in …`, `case … in`, `{`, `}`) skipped so the commands inside them remain,
/// subshells opened and closed, `[[ … ]]` kept whole, and `sh -c '…'` bodies parsed as nested scripts.
///
/// Shell syntax errors never fail the parse (the shell would report them at build time); only
/// nesting beyond the limit does, so hostile input cannot recurse without bound.
struct ShellParser {
    /// Output shared by a script and every script nested in it.
    struct State {
        var commands: [Command] = []
        var issues: [String] = []
        var nextPipeline = 0
        let maxDepth: Int
    }

    private enum Block {
        case subshell
        /// `case WORD in`: reading the word, the `in`, a pattern (until `)`), or a branch's commands.
        case caseStatement(CaseState)
    }

    private enum CaseState { case word, keywordIn, pattern, branch }

    private var lexer: ShellLexer
    private let nesting: Int
    /// Bodies of the Dockerfile heredocs of a `RUN` line, by delimiter.
    private let externalHeredocs: [Heredoc]

    private var words: [ShellWord] = []
    private var redirects: [Redirect] = []
    private var pendingRedirect: (op: RedirectOperator, fd: Int?)?
    private var blocks: [Block] = []
    private var skippingLoopHeader = false
    private var skippingFunctionName = false
    private var expectingFunctionClose = false
    private var inDoubleBracket = false
    /// True right after `}`, `)`, `done`, `fi` or `esac`, whose redirections belong to the group.
    private var closedGroup = false
    private var currentPipeline: Int?
    private var previousWasPipe = false
    private var lastCommandIndex: Int?
    /// Commands with inline heredoc redirections waiting for their bodies (read at the next newline).
    private var awaitingBodies: [(command: Int, redirect: Int)] = []
    /// How many of `lexer.heredocBodies` (and of `awaitingBodies`) are already assigned.
    private var bodiesAssigned = 0

    private init(lexer: ShellLexer, nesting: Int, externalHeredocs: [Heredoc]) {
        self.lexer = lexer
        self.nesting = nesting
        self.externalHeredocs = externalHeredocs
    }

    /// Parses `bytes[range]`, appending its commands (and nested ones) to `state`.
    static func parse(
        _ bytes: [UInt8], _ range: Range<Int>, locator: SourceLocator, nesting: Int,
        heredocs: [Heredoc], state: inout State
    ) throws(ShellParseError) {
        guard nesting <= state.maxDepth else {
            throw ShellParseError(reason: "sh -c nested deeper than \(state.maxDepth) levels", offset: range.lowerBound)
        }
        let lexer = ShellLexer(bytes: bytes, range: range, locator: locator, maxDepth: state.maxDepth)
        var parser = ShellParser(lexer: lexer, nesting: nesting, externalHeredocs: heredocs)
        try parser.run(&state)
        state.issues.append(contentsOf: parser.lexer.issues)
    }

    /// A command given directly as an argument vector (exec form, `["sh", "-c", "…"]`).
    static func parse(argv: [String], locator: SourceLocator, state: inout State) throws(ShellParseError) {
        guard !argv.isEmpty else { return }
        let words = argv.map {
            ShellWord(value: $0, raw: $0, isQuoted: false, hasSubstitution: false, offset: 0, locator: locator)
        }
        var parser = ShellParser(
            lexer: ShellLexer(bytes: [], range: 0..<0, locator: locator, maxDepth: state.maxDepth), nesting: 0, externalHeredocs: [])
        parser.words = words
        try parser.emit(.end, offset: 0, state: &state)
    }

    private mutating func run(_ state: inout State) throws(ShellParseError) {
        while true {
            switch try lexer.next() {
            case .word(let word):
                try handle(word, state: &state)
            case .redirect(let op, let fd, let offset):
                if inDoubleBracket {
                    words.append(operatorWord(op.rawValue, offset))
                } else {
                    pendingRedirect = (op, fd)
                }
                continue
            case .separator(let separator, let offset):
                if inDoubleBracket, separator == .and || separator == .or {
                    words.append(operatorWord(separator.rawValue, offset))
                    continue
                }
                if skippingLoopHeader, separator == .semicolon || separator == .newline {
                    skippingLoopHeader = false
                    continue
                }
                try emit(separator, offset: offset, state: &state)
                if separator == .caseBreak, case .caseStatement(.branch)? = blocks.last {
                    blocks[blocks.count - 1] = .caseStatement(.pattern)
                }
                if separator == .newline { assignInlineHeredocBodies(&state) }
            case .open(let offset):
                if inDoubleBracket {
                    words.append(operatorWord("(", offset))
                } else if case .caseStatement(.pattern)? = blocks.last {
                    continue   // `(pattern)`: the optional opening parenthesis
                } else if words.count == 1, redirects.isEmpty {
                    // `name() { …; }`: a function definition, not a command.
                    words.removeAll()
                    expectingFunctionClose = true
                } else if words.isEmpty {
                    blocks.append(.subshell)
                    if blocks.count > state.maxDepth {
                        throw ShellParseError(reason: "shell nesting deeper than \(state.maxDepth) levels", offset: offset)
                    }
                } else {
                    state.issues.append("unexpected '('")
                }
            case .close(let offset):
                if inDoubleBracket {
                    words.append(operatorWord(")", offset))
                } else if expectingFunctionClose {
                    expectingFunctionClose = false
                } else if case .caseStatement(.pattern)? = blocks.last {
                    blocks[blocks.count - 1] = .caseStatement(.branch)
                } else {
                    try emit(.end, offset: offset, state: &state)
                    if case .subshell? = blocks.last { blocks.removeLast() } else { state.issues.append("unexpected ')'") }
                    closedGroup = true
                }
            case .end(let offset):
                try emit(.end, offset: offset, state: &state)
                assignInlineHeredocBodies(&state)
                return
            }
        }
    }

    private func operatorWord(_ text: String, _ offset: Int) -> ShellWord {
        ShellWord(value: text, raw: text, isQuoted: false, hasSubstitution: false, offset: offset, locator: lexer.locator)
    }

    private static let skippedKeywords: Set<String> = ["if", "then", "elif", "else", "fi", "do", "done", "while", "until", "!", "{", "}"]

    private mutating func handle(_ word: ShellWord, state: inout State) throws(ShellParseError) {
        if let pending = pendingRedirect {
            pendingRedirect = nil
            var body: String?
            if pending.op.isHeredoc {
                body = externalHeredocs.first { $0.name == word.value }?.body
            }
            let redirect = Redirect(op: pending.op, fileDescriptor: pending.fd, target: word, heredocBody: body)
            // `{ …; } > out`, `done < file`: the group's redirection, kept on its last command.
            if closedGroup, words.isEmpty, redirects.isEmpty, let last = lastCommandIndex {
                state.commands[last].redirects.append(redirect)
            } else {
                redirects.append(redirect)
            }
            return
        }
        closedGroup = false
        if inDoubleBracket {
            words.append(word)
            if word.value == "]]" { inDoubleBracket = false }
            return
        }
        if skippingLoopHeader {
            if word.value == "do", !word.isQuoted { skippingLoopHeader = false }
            return
        }
        if skippingFunctionName {
            skippingFunctionName = false
            return
        }
        if words.isEmpty, case .caseStatement(let caseState)? = blocks.last {
            switch caseState {
            case .word:
                blocks[blocks.count - 1] = .caseStatement(.keywordIn)
                return
            case .keywordIn:
                if word.value == "in" { blocks[blocks.count - 1] = .caseStatement(.pattern) }
                return
            case .pattern:
                if word.value == "esac", !word.isQuoted {
                    blocks.removeLast()
                    closedGroup = true
                }
                return   // pattern words are not commands
            case .branch:
                if word.value == "esac", !word.isQuoted {
                    blocks.removeLast()
                    closedGroup = true
                    return
                }
            }
        }
        guard words.isEmpty, !word.isQuoted else {
            words.append(word)
            return
        }
        switch word.value {
        case "}", "done", "fi":
            closedGroup = true
            return
        case _ where Self.skippedKeywords.contains(word.value):
            return
        case "for", "select":
            skippingLoopHeader = true
        case "function":
            skippingFunctionName = true
        case "case":
            blocks.append(.caseStatement(.word))
            if blocks.count > state.maxDepth {
                throw ShellParseError(reason: "shell nesting deeper than \(state.maxDepth) levels", offset: word.offset)
            }
        case "[[":
            inDoubleBracket = true
            words.append(word)
        default:
            words.append(word)
        }
    }

    /// Ends the current simple command with `separator`.
    private mutating func emit(_ separator: Separator, offset: Int, state: inout State) throws(ShellParseError) {
        if pendingRedirect != nil {
            state.issues.append("redirection without a target")
            pendingRedirect = nil
        }
        inDoubleBracket = false
        closedGroup = false
        guard !words.isEmpty || !redirects.isEmpty else {
            // A separator after `)` or `}` belongs to the group's last command: `(a; b) | c` pipes b into c.
            if separator != .end, let last = lastCommandIndex, state.commands[last].separator == .end {
                state.commands[last].separator = separator
                previousWasPipe = separator.isPipe
                currentPipeline = separator.isPipe ? state.commands[last].pipeline : nil
            }
            return
        }
        let resolved = CommandWrapper.resolve(words)
        let pipeline: Int
        if let currentPipeline {
            pipeline = currentPipeline
        } else {
            pipeline = state.nextPipeline
            state.nextPipeline += 1
        }
        let command = Command(
            words: words, nameIndex: resolved.nameIndex, wrappers: resolved.wrappers, assignments: resolved.assignments,
            redirects: redirects, separator: separator, isPipedFrom: previousWasPipe, pipeline: pipeline,
            nestingLevel: nesting, offset: words.first?.offset ?? redirects.first?.target?.offset ?? offset,
            locator: lexer.locator)
        words.removeAll(keepingCapacity: true)
        redirects.removeAll(keepingCapacity: true)
        previousWasPipe = separator.isPipe
        currentPipeline = separator.isPipe ? pipeline : nil
        state.commands.append(command)
        let index = state.commands.count - 1
        lastCommandIndex = index
        for (redirectIndex, redirect) in command.redirects.enumerated() where redirect.op.isHeredoc && redirect.heredocBody == nil {
            awaitingBodies.append((index, redirectIndex))
        }
        try parseNested(command, state: &state)
    }

    /// `sh -c '…'`, `bash <<EOF` (with a Dockerfile heredoc) and command substitutions: their
    /// scripts, as nested commands.
    private func parseNested(_ command: Command, state: inout State) throws(ShellParseError) {
        for word in command.words where word.hasSubstitution {
            for body in CommandSubstitution.bodies(in: word.raw) {
                let bytes = Array(body.utf8)
                try Self.parse(
                    bytes, 0..<bytes.count, locator: SourceLocator(fixed: word.position), nesting: nesting + 1, heredocs: [],
                    state: &state)
            }
        }
        if let script = ShellInvocation.commandString(of: command) {
            var position = script.position
            if script.raw.first == "'" || script.raw.first == "\"" { position.column += 1 }
            let bytes = Array(script.value.utf8)
            try Self.parse(
                bytes, 0..<bytes.count, locator: SourceLocator(fixed: position), nesting: nesting + 1, heredocs: [], state: &state)
        } else if ShellInvocation.readsStdin(command),
                  let redirect = command.redirects.first(where: { $0.op.isHeredoc && ($0.fileDescriptor ?? 0) == 0 }),
                  let heredoc = externalHeredocs.first(where: { $0.name == redirect.target?.value }) {
            let bytes = Array(heredoc.body.utf8)
            try Self.parse(bytes, 0..<bytes.count, locator: heredoc.bodyLocator, nesting: nesting + 1, heredocs: [], state: &state)
        }
    }

    private mutating func assignInlineHeredocBodies(_ state: inout State) {
        while bodiesAssigned < lexer.heredocBodies.count, bodiesAssigned < awaitingBodies.count {
            let (command, redirect) = awaitingBodies[bodiesAssigned]
            state.commands[command].redirects[redirect].heredocBody = lexer.heredocBodies[bodiesAssigned]
            bodiesAssigned += 1
        }
    }
}
