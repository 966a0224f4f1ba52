import EKSGuardCore

// Helpers shared by eksguard's own Dockerfile security rules (EKS-DKR-001…). They read the parsed
// model (`Command`, `Stage`, `ImageReference`); text is matched by hand on UTF-8 bytes, which is
// fast and keeps the matchers `Sendable` without compiled regexes.

// MARK: - Instructions and stages

extension Dockerfile {
    /// Every `RUN`, including `ONBUILD RUN` triggers (a child image runs them).
    var runsIncludingTriggers: [Instruction] { instructionsWithTriggers.filter { $0.kind == .run } }

    /// The stages a stage builds on, itself first: `FROM base` follows `base` to its own parent.
    func stageAncestry(of stage: Stage) -> [Stage] {
        var chain = [stage]
        var visited: Set<Int> = [stage.index]
        while let parent = chain.last?.baseStageIndex, parent < stages.count, visited.insert(parent).inserted {
            chain.append(stages[parent])
        }
        return chain
    }

    /// The final stage and the stages it builds on: what ends up in the image `docker build` makes.
    var finalStageAncestry: [Stage] { finalStage.map(stageAncestry(of:)) ?? [] }
}

extension Instruction {
    /// The shell script a `RUN`, `CMD` or `ENTRYPOINT` runs.
    var executedScript: ShellScript? { run?.script ?? command?.script }

    /// `ENV`, `ARG` and `LABEL` names with the value they set (`ARG` without a default is skipped,
    /// it sets nothing unless the build passes one).
    var declaredValues: [(name: String, value: String, raw: String)] {
        if let pairs = keyValues?.pairs { return pairs.map { ($0.key, $0.value, $0.rawValue) } }
        return arg?.declarations.compactMap { declaration in
            declaration.defaultValue.map { (declaration.name, $0, declaration.rawDefault ?? $0) }
        } ?? []
    }
}

extension Command {
    /// `NAME=value` words the command puts in the environment: prefixes (`X=1 cmd`, `env X=1 cmd`),
    /// bare assignments and `export X=1`.
    var exportedAssignments: [ShellWord] {
        var words = assignments
        if let name = baseName, ["export", "declare", "typeset", "readonly", "local"].contains(name) {
            words += arguments.filter(\.isAssignment)
        }
        return words
    }

    /// Every text the command carries: its words, and the bodies of heredocs it reads
    /// (`cat <<EOF > /etc/yum.repos.d/x.repo`).
    var carriedTexts: [String] { words.map(\.value) + redirects.compactMap(\.heredocBody) }

    /// True for `python`, `python3`, `python3.12`.
    var runsPython: Bool {
        guard let name = baseName, name.hasPrefix("python") else { return false }
        return name.dropFirst("python".count).allSatisfy { $0.isNumber || $0 == "." }
    }

    /// True for pip run as `pip`, `pip3`, `pip3.12` or `python -m pip`.
    var runsPip: Bool {
        if let name = baseName, name.hasPrefix("pip"), name.dropFirst(3).allSatisfy({ $0.isNumber || $0 == "." }) { return true }
        let values = argumentValues
        return runsPython && zip(values, values.dropFirst()).contains { $0 == "-m" && $1 == "pip" }
    }
}

// MARK: - Package managers

/// One package-manager command: what it installs or removes.
struct PackageTransaction {
    enum Family { case apt, apk, rpm, zypper }

    let family: Family
    let installs: Bool
    /// Package arguments as written (`gcc=4:12.2.0-3`, `openssh-server-8.7p1`).
    let packages: [String]
    /// `apk add --virtual .build-deps …`: the group name `apk del .build-deps` removes.
    let virtualGroup: String?

    private static let verbs: [String: (Family, install: Set<String>, remove: Set<String>, valueFlags: Set<String>)] = {
        let apt: (Family, Set<String>, Set<String>, Set<String>) = (
            .apt, ["install"], ["remove", "purge", "autoremove"], ["-o", "-t", "-c", "--option", "--target-release", "--config-file"])
        let rpm: (Family, Set<String>, Set<String>, Set<String>) = (
            .rpm, ["install", "reinstall", "localinstall", "in"], ["remove", "erase", "autoremove", "rm"],
            ["-c", "--config", "--installroot", "--releasever", "-x", "--exclude", "--repo", "--repoid", "--enablerepo",
             "--disablerepo", "--setopt"])
        return [
            "apt-get": apt, "apt": apt, "aptitude": apt,
            "apk": (.apk, ["add"], ["del"], ["-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch", "--keys-dir",
                                            "--cache-dir", "--repositories-file"]),
            "yum": rpm, "dnf": rpm, "dnf5": rpm, "microdnf": rpm, "tdnf": rpm,
            "zypper": (.zypper, ["install", "in"], ["remove", "rm"], ["-r", "--repo", "-t", "--type", "--from", "-R", "--root"]),
        ]
    }()

    init?(_ command: Command) {
        guard let name = command.baseName, let (family, install, remove, valueFlags) = Self.verbs[name] else { return nil }
        let positional = command.positionalArguments(valueFlags: valueFlags).map(\.value)
        guard let verb = positional.first, install.contains(verb) || remove.contains(verb) else { return nil }
        self.family = family
        installs = install.contains(verb)
        packages = Array(positional.dropFirst())
        virtualGroup = family == .apk ? command.flagValue("--virtual") ?? command.flagValue("-t") : nil
    }

    /// True when the package argument names `name`: exact, or with a version or release attached
    /// (`gcc=12.2`, `gcc/bookworm`, `gcc:amd64`, `gcc>9`, and for RPM `gcc-8.5.0`).
    static func argument(_ argument: String, names name: String) -> Bool {
        guard argument.hasPrefix(name) else { return false }  // cheap rejection: most pairs differ at once
        let bare = argument.prefix { !"=<>~/:".contains($0) }
        if bare == name { return true }
        guard bare.hasPrefix(name + "-") else { return false }
        // A version (`gcc-12`, `gcc-8.5.0-18.el8`), not another package (`gcc-12-base`).
        let version = bare.dropFirst(name.count + 1)
        guard version.first?.isNumber == true else { return false }
        let rest = version.drop { $0.isNumber || $0 == "." }
        return rest.isEmpty || (rest.first == "-" && rest.dropFirst().first?.isNumber == true)
    }
}

// MARK: - Downloads and interpreters

enum RemoteCode {
    /// Programs that run code read from stdin or given as an argument.
    static func isInterpreter(_ command: Command) -> Bool {
        guard let name = command.baseName else { return false }
        return ShellInvocation.shells.contains(name) || command.runsPython || ["perl", "ruby", "node", "php"].contains(name)
    }

    /// The option letters that give an interpreter its program as an argument (`sh -c`, `perl -e`).
    private static func inlineScriptLetters(_ command: Command) -> Set<Character> {
        switch command.baseName ?? "" {
        case "perl", "ruby": ["e", "E"]
        case "node": ["e", "p"]
        case "php": ["r"]
        default: command.runsPython ? ["c", "m"] : ["c"]
        }
    }

    /// True when the interpreter reads its program from stdin: no inline program and no script file
    /// before `--` (`sh`, `bash -s -- --flag`, `python3 -`, `php -- --install-dir=/x`).
    static func readsProgramFromStdin(_ command: Command) -> Bool {
        guard isInterpreter(command) else { return false }
        let inline = inlineScriptLetters(command)
        let isShell = ShellInvocation.shells.contains(command.baseName ?? "")
        // Options whose value is the next word: `bash -o pipefail`, `python3 -W ignore`.
        let valueLetters: Set<Character> = isShell ? ["o", "O"] : command.runsPython ? ["W", "X"] : []
        var skipNext = false
        for word in command.arguments {
            let value = word.value
            if skipNext {
                skipNext = false
                continue
            }
            if value == "--" || value == "-" { return true }
            if value.hasPrefix("-") || value.hasPrefix("+") {
                let letters = value.hasPrefix("--") ? [] : Array(value.dropFirst())
                if letters.contains(where: inline.contains) { return false }
                if isShell, letters.contains("s") { return true }
                skipNext = letters.last.map(valueLetters.contains) ?? false
                continue
            }
            return false
        }
        return true
    }

    /// The inline program of an interpreter (`sh -c PROGRAM`, `perl -e PROGRAM`), or every argument of `eval`.
    static func programWords(_ command: Command) -> [ShellWord] {
        if command.is("eval") { return command.arguments }
        guard isInterpreter(command) else { return [] }
        let inline = inlineScriptLetters(command)
        let arguments = command.arguments
        for (index, word) in arguments.enumerated() where word.value.hasPrefix("-") && !word.value.hasPrefix("--") {
            if let last = word.value.last, inline.contains(last), index + 1 < arguments.count { return [arguments[index + 1]] }
        }
        return []
    }

    /// True for curl or wget writing what they download to stdout: curl unless `-o`/`-O` names a
    /// file, wget only with `-O -` (`-qO-`, `--output-document=-`).
    static func downloadsToStdout(_ command: Command) -> Bool {
        let stdout: Set<String> = ["-", "/dev/stdout"]
        if command.is("curl") {
            if command.hasAnyFlag(["-O", "--remote-name", "--remote-name-all"]) { return false }
            guard let output = command.flagValue("-o") ?? command.flagValue("--output") else { return !command.hasFlag("-o") }
            return stdout.contains(output)
        }
        guard command.is("wget") else { return false }
        let values = command.argumentValues
        for (index, value) in values.enumerated() {
            if value.hasPrefix("--output-document") {
                let given = value.contains("=") ? String(value.drop { $0 != "=" }.dropFirst()) : (index + 1 < values.count ? values[index + 1] : "")
                return stdout.contains(given)
            }
            // A short-option cluster ending in O takes the next word; `-qO-` carries the value.
            guard value.hasPrefix("-"), !value.hasPrefix("--"), let o = value.firstIndex(of: "O") else { continue }
            let attached = String(value[value.index(after: o)...])
            let given = attached.isEmpty ? (index + 1 < values.count ? values[index + 1] : "") : attached
            return stdout.contains(given)
        }
        return false
    }
}

// MARK: - Secrets

enum SecretDetection {
    /// Final name tokens that mark a variable as a secret (`DB_PASSWORD`, `githubToken`,
    /// `AWS_SECRET_ACCESS_KEY`). Names that only start with one (`PASSWORD_FILE`, `TOKEN_TTL`) are paths
    /// or settings, not secrets.
    static let secretNameEndings: [[String]] = [
        ["PASSWORD"], ["PASSWD"], ["PASS"], ["PASSPHRASE"], ["SECRET"], ["TOKEN"], ["APIKEY"], ["API", "KEY"],
        ["ACCESS", "KEY"], ["ACCESSKEY"], ["SECRET", "KEY"], ["SECRETKEY"], ["PRIVATE", "KEY"], ["PRIVATEKEY"],
        ["CREDENTIALS"], ["CREDENTIAL"], ["SECRET", "KEY", "BASE"], ["AUTH", "KEY"],
    ]

    /// The name split into upper-cased words at `_ - .` and lower-to-upper case changes. Works on
    /// UTF-8 bytes (non-ASCII bytes count as letters): it runs for every ENV, ARG and LABEL name.
    static func nameTokens(_ name: String) -> [String] {
        var tokens: [String] = []
        var current: [UInt8] = []
        var previousIsLower = false
        func flush() {
            if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for byte in name.utf8 {
            let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
            let isLower = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard isUpper || isLower || isDigit || byte >= 0x80 else {
                flush()
                previousIsLower = false
                continue
            }
            if isUpper, previousIsLower { flush() }
            current.append(isLower ? byte - 32 : byte)
            previousIsLower = isLower || isDigit
        }
        flush()
        return tokens
    }

    static func isSecretName(_ name: String) -> Bool {
        let tokens = nameTokens(name)
        return secretNameEndings.contains { tokens.count >= $0.count && tokens.suffix($0.count).elementsEqual($0) }
    }

    /// Values that are switches or well-known placeholders, not secrets: `SECRET_KEY_BASE=dummy` for
    /// asset builds, Java's public default keystore password `changeit`.
    static let placeholderValues: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "0", "1", "none", "null", "nil", "dummy", "placeholder", "example",
        "changeit", "changeme", "change_me", "redacted", "secret", "password", "token",
    ]

    /// True when a value is written out in the Dockerfile, as opposed to empty, a `$reference` passed
    /// through, a switch or placeholder (`true`, `dummy`, `xxxx`, `****`) or a path to a secret file
    /// (`/run/secrets/db`).
    static func isLiteralSecretValue(_ value: String, raw: String) -> Bool {
        let trimmed = value.trimmingEdges(" \t")
        if trimmed.isEmpty || trimmed.hasPrefix("/") { return false }
        if trimmed.contains("$"), !raw.hasPrefix("'") { return false }
        if trimmed.allSatisfy({ "xX*.<>-_".contains($0) }) { return false }
        return !placeholderValues.contains(trimmed.lowercased())
    }

    /// A credential format recognisable by its shape: a prefix, an alphabet and a length.
    private struct TokenShape: Sendable {
        let kind: String
        let prefixes: [String]
        let alphabet: @Sendable (UInt8) -> Bool
        let minimumLength: Int
        let maximumLength: Int
    }

    private static func isUpperOrDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isUpperOrDigit(byte) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private static let shapes: [TokenShape] = [
        TokenShape(kind: "AWS access key ID", prefixes: ["AKIA", "ASIA"], alphabet: isUpperOrDigit, minimumLength: 16, maximumLength: 16),
        TokenShape(kind: "GitHub token", prefixes: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], alphabet: isAlphanumeric,
                   minimumLength: 36, maximumLength: 255),
        TokenShape(kind: "GitHub token", prefixes: ["github_pat_"], alphabet: { isAlphanumeric($0) || $0 == UInt8(ascii: "_") },
                   minimumLength: 22, maximumLength: 255),
        TokenShape(kind: "Slack token", prefixes: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-"],
                   alphabet: { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }, minimumLength: 10, maximumLength: 255),
        TokenShape(kind: "GitLab token", prefixes: ["glpat-"], alphabet: isTokenByte, minimumLength: 20, maximumLength: 255),
        TokenShape(kind: "npm token", prefixes: ["npm_"], alphabet: isAlphanumeric, minimumLength: 36, maximumLength: 36),
        TokenShape(kind: "Google API key", prefixes: ["AIza"], alphabet: isTokenByte, minimumLength: 35, maximumLength: 35),
        TokenShape(kind: "Stripe secret key", prefixes: ["sk_live_"], alphabet: isAlphanumeric, minimumLength: 16, maximumLength: 255),
    ]

    /// The shapes by the first byte of their prefixes (256 entries, indexed by the byte), for a single
    /// pass over the text that looks up every word start.
    private static let shapesByFirstByte: [[(shape: TokenShape, prefix: [UInt8])]] = {
        var table = [[(shape: TokenShape, prefix: [UInt8])]](repeating: [], count: 256)
        for shape in shapes {
            for prefix in shape.prefixes { table[Int(prefix.utf8.first!)].append((shape, Array(prefix.utf8))) }
        }
        return table
    }()

    /// The kinds of credentials found in a text (`AWS access key ID`, `private key`, `JWT`), each once.
    /// Never returns the matched text: callers report the kind only. Linear in the text: tokens are
    /// tried only where a word starts.
    static func credentialKinds(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        var kinds: [String] = []
        func add(_ kind: String) { if !kinds.contains(kind) { kinds.append(kind) } }
        if containsPrivateKey(bytes) { add("private key") }
        var index = 0
        while index < bytes.count {
            guard isTokenByte(bytes[index]) else {
                index += 1
                continue
            }
            for (shape, prefix) in shapesByFirstByte[Int(bytes[index])] where !kinds.contains(shape.kind) {
                if matches(shape, prefix: prefix, in: bytes, at: index) { add(shape.kind) }
            }
            if bytes[index] == UInt8(ascii: "e"), isJWT(bytes, at: index) { add("JWT") }
            while index < bytes.count, isTokenByte(bytes[index]) { index += 1 }
        }
        return kinds
    }

    /// True when a token of this shape starts at `start`: the prefix, then only the shape's alphabet
    /// for an allowed length, then the end of the word.
    private static func matches(_ shape: TokenShape, prefix: [UInt8], in bytes: [UInt8], at start: Int) -> Bool {
        guard start + prefix.count <= bytes.count, bytes[start + 1] == prefix[1],
              bytes[start..<(start + prefix.count)].elementsEqual(prefix) else { return false }
        var end = start + prefix.count
        while end < bytes.count, end - start <= shape.maximumLength + prefix.count, shape.alphabet(bytes[end]) { end += 1 }
        let length = end - start - prefix.count
        return length >= shape.minimumLength && length <= shape.maximumLength && (end == bytes.count || !isAlphanumeric(bytes[end]))
    }

    /// `-----BEGIN RSA PRIVATE KEY-----`, `-----BEGIN OPENSSH PRIVATE KEY-----`, `-----BEGIN PGP PRIVATE KEY BLOCK-----`…
    private static let begin = Array("-----BEGIN ".utf8)
    private static let privateKey = Array("PRIVATE KEY".utf8)
    private static let dashes = Array("-----".utf8)

    private static func containsPrivateKey(_ bytes: [UInt8]) -> Bool {
        var start = 0
        while let found = find(begin, in: bytes, from: start) {
            start = found + 1
            let header = Array(bytes[(found + begin.count)..<min(bytes.count, found + begin.count + 40)])
            if let end = find(dashes, in: header, from: 0), find(privateKey, in: Array(header[..<end]), from: 0) != nil {
                return true
            }
        }
        return false
    }

    /// A JSON Web Token at `start`: an `eyJ…` header, a `.eyJ…` payload and a signature, base64url.
    private static func isJWT(_ bytes: [UInt8], at start: Int) -> Bool {
        let header = Array("eyJ".utf8)
        var index = start
        for part in 0..<3 {
            if part < 2, !bytes[index...].starts(with: header) { return false }
            let partStart = index
            while index < bytes.count, isTokenByte(bytes[index]) { index += 1 }
            guard index - partStart >= 10 else { return false }
            if part < 2 {
                guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return false }
                index += 1
            }
        }
        return true
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// Why a copied file is a secret, from its path (`id_rsa` → private SSH key), or nil.
    static func secretFileKind(_ path: String) -> String? {
        let trimmed = path.trimmingEdges("\"'")
        let normalised = trimmed.hasSuffix("/") ? String(trimmed.dropLast()) : trimmed
        let name = String(normalised.split(separator: "/").last ?? "")
        let lower = name.lowercased()
        let lowerPath = normalised.lowercased()
        if ["id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk"].contains(lower) { return "private SSH key" }
        if lower == ".ssh" { return "SSH directory" }
        if lowerPath.hasSuffix(".aws/credentials") || lowerPath.hasSuffix(".aws") { return "AWS credentials" }
        if lowerPath.hasSuffix(".docker/config.json") { return "Docker registry credentials" }
        if lowerPath.hasSuffix(".kube/config") { return "kubeconfig" }
        if [".npmrc", ".pypirc", ".netrc", ".git-credentials", ".pgpass", ".htpasswd"].contains(lower) { return "credentials file" }
        if lower == ".env" { return "environment file" }
        if lower.hasPrefix(".env."),
           !["example", "sample", "template", "dist", "defaults", "default", "test"].contains(where: lower.hasSuffix) {
            return "environment file"
        }
        let harmless = ["cert", "chain", "bundle", "public", "pub", "ca.", "ca-", "ca_", "-ca", "_ca", "gpg", "signing",
                        "keyring", "trust", "cacerts", "release"]
        let looksPublic = harmless.contains { lower.contains($0) }
        if lower.hasSuffix(".pem") || lower.hasSuffix(".key") { return looksPublic ? nil : "private key" }
        if [".p12", ".pfx", ".jks", ".ppk"].contains(where: lower.hasSuffix) { return looksPublic ? nil : "key store" }
        return nil
    }
}

extension String {
    /// The string without any of these characters at either end (no Foundation in this module).
    func trimmingEdges(_ characters: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}

// MARK: - Configuration text

/// A text read for `key=value` settings (repository files, apt options, sources lines), lowercased
/// once. Texts with no `=` and no blank cannot hold a setting and are skipped before any work.
struct SettingText {
    private let bytes: [UInt8]

    init?(_ text: String) {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "=") || $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }) else { return nil }
        bytes = text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }

    /// True when the lowercased text contains `needle` (given in lowercase).
    func contains(_ needle: String) -> Bool { SecretDetection.find(Array(needle.utf8), in: bytes, from: 0) != nil }

    /// True when the text assigns `key` a value the predicate accepts (values are lowercased):
    /// `gpgcheck=0`, `sslverify = False`, `--setopt=*.gpgcheck=0`, `APT::Get::AllowUnauthenticated "true"`,
    /// `[trusted=yes]`. The key must not be part of a longer name (`repo_gpgcheck=0` is not `gpgcheck`,
    /// `untrusted=yes` is not `trusted`); `=` or blanks and quotes may separate it from the value.
    func sets(_ key: String, where accepts: (String) -> Bool) -> Bool {
        let needle = Array(key.lowercased().utf8)
        var start = 0
        func isNameByte(_ byte: UInt8) -> Bool { ShellLexer.isNameByte(byte) || byte == UInt8(ascii: "-") }
        while let found = SecretDetection.find(needle, in: bytes, from: start) {
            start = found + 1
            var index = found + needle.count
            if found > 0, isNameByte(bytes[found - 1]) { continue }
            if index < bytes.count, isNameByte(bytes[index]) { continue }
            func skipSeparators() {
                while index < bytes.count, [0x20, 0x09, UInt8(ascii: "\""), UInt8(ascii: "'")].contains(bytes[index]) { index += 1 }
            }
            skipSeparators()
            if index < bytes.count, bytes[index] == UInt8(ascii: "=") { index += 1 }
            skipSeparators()
            var end = index
            while end < bytes.count, end - index < 8, ShellLexer.isNameByte(bytes[end]) { end += 1 }
            if end > index, accepts(String(decoding: bytes[index..<end], as: UTF8.self)) { return true }
        }
        return false
    }

    /// True when the text sets `key` to `0`, `false`, `no` or `off`.
    func disables(_ key: String) -> Bool { sets(key, where: Self.isFalse) }

    /// True when the text sets `key` to `1`, `true`, `yes` or `on`.
    func enables(_ key: String) -> Bool { sets(key, where: Self.isTrue) }

    static func isFalse(_ value: String) -> Bool { ["0", "false", "no", "off"].contains(value.lowercased()) }
    static func isTrue(_ value: String) -> Bool { ["1", "true", "yes", "on"].contains(value.lowercased()) }
}

// MARK: - Base images

enum BaseImageCatalog {
    /// Official images whose default tags are full distributions while a smaller variant exists,
    /// with the variant to suggest. Keyed by the image name without registry (`python`), or by the full
    /// name for other registries.
    static let fullImages: [String: String] = [
        "ubuntu": "debian:<release>-slim or a distroless image",
        "debian": "debian:<release>-slim",
        "centos": "a ubi-minimal or ubi-micro image",
        "fedora": "fedora-minimal",
        "rockylinux": "rockylinux:<version>-minimal",
        "almalinux": "almalinux:<version>-minimal",
        "oraclelinux": "oraclelinux:<version>-slim",
        "amazonlinux": "amazonlinux:2023-minimal",
        "buildpack-deps": "debian:<release>-slim",
        "node": "node:<version>-slim or -alpine",
        "python": "python:<version>-slim or -alpine",
        "golang": "golang:<version>-alpine, or a multi-stage build onto distroless",
        "ruby": "ruby:<version>-slim or -alpine",
        "openjdk": "a JRE image such as eclipse-temurin:<version>-jre-alpine",
        "php": "php:<version>-alpine (or -fpm-alpine)",
        "perl": "perl:<version>-slim",
        "rust": "rust:<version>-slim or -alpine, or a multi-stage build",
        "elixir": "elixir:<version>-slim or -alpine",
        "erlang": "erlang:<version>-slim or -alpine",
        "haskell": "haskell:<version>-slim",
        "mcr.microsoft.com/dotnet/sdk": "mcr.microsoft.com/dotnet/aspnet or runtime (-alpine or -chiseled)",
        "registry.access.redhat.com/ubi8": "ubi8/ubi-minimal or ubi8/ubi-micro",
        "registry.access.redhat.com/ubi8/ubi": "ubi8/ubi-minimal or ubi8/ubi-micro",
        "registry.access.redhat.com/ubi9": "ubi9/ubi-minimal or ubi9/ubi-micro",
        "registry.access.redhat.com/ubi9/ubi": "ubi9/ubi-minimal or ubi9/ubi-micro",
        "public.ecr.aws/amazonlinux/amazonlinux": "amazonlinux:2023-minimal",
    ]

    /// Tag words that mean a small variant already.
    static let slimTagMarkers = ["slim", "alpine", "distroless", "minimal", "busybox", "micro", "chiseled", "chiselled"]

    /// Registries whose images are minimal by construction.
    static let minimalImagePrefixes = ["gcr.io/distroless/", "cgr.dev/chainguard/", "chainguard/"]

    /// Toolchain images: a compiler is the point of them (EKS-DKR-010 in a single-stage build).
    static let toolchainImages: Set<String> = ["golang", "rust", "gcc", "maven", "gradle"]

    /// The name an image is known by in the lists above: official Docker Hub images (also through
    /// `docker.io/library/` and the ECR Public mirror) by their short name, others by registry/path.
    static func catalogName(_ image: ImageReference) -> String {
        var name = image.name.lowercased()
        for prefix in ["docker.io/library/", "index.docker.io/library/", "registry-1.docker.io/library/",
                       "public.ecr.aws/docker/library/", "docker.io/", "library/"] where name.hasPrefix(prefix) {
            name = String(name.dropFirst(prefix.count))
            break
        }
        return name
    }
}

// MARK: - File modes

enum PermissionRules {
    /// True when a chmod mode grants write to others: octal with the others digit's write bit
    /// (`777`, `0666`, `1777`), or a symbolic clause for `o` or `a` that adds or sets `w` (`a+w`, `o=rwx`,
    /// `ugo+rw`). `+w` without a who is filtered by the umask and does not count.
    static func isWorldWritable(_ mode: String) -> Bool {
        if !mode.isEmpty, mode.allSatisfy({ ("0"..."7").contains($0) }) {
            guard let last = mode.last?.wholeNumberValue else { return false }
            return last & 2 != 0
        }
        for clause in mode.split(separator: ",") {
            let who = clause.prefix { "ugoa".contains($0) }
            guard who.contains("o") || who.contains("a") else { continue }
            var operation: Character?
            for character in clause.dropFirst(who.count) {
                if "+-=".contains(character) {
                    operation = character
                } else if character == "w", operation == "+" || operation == "=" {
                    return true
                }
            }
        }
        return false
    }

    /// System directories: making anything under them world-writable lets any user replace what root
    /// runs or reads. Scratch space (/tmp, /var/tmp, /dev/shm) is world-writable by design, and
    /// application directories (/app, /opt, /home, /srv, relative paths) are the application's business.
    static let systemRoots = ["/bin", "/boot", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/root", "/sbin", "/usr", "/var"]
    static let scratchRoots = ["/tmp", "/var/tmp", "/dev/shm"]

    static func isSystemPath(_ path: String) -> Bool {
        var path = path.trimmingEdges("\"'")
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        if path == "/" || path == "/*" { return true }
        func under(_ root: String) -> Bool { path == root || path.hasPrefix(root + "/") }
        if scratchRoots.contains(where: under) { return false }
        return systemRoots.contains(where: under)
    }
}
