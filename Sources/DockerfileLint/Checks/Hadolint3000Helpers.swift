import EKSGuardCore

// Helpers shared by the DL1001 and DL3000–DL3029 checks: where RUN rules look (with or without
// ONBUILD triggers), hadolint's reading of command arguments, and a small package-manager API
// (apt-get, apk, pip, npm, gem) that other rule groups may reuse.

// MARK: - RUN instructions and their commands

extension Dockerfile {
    /// The instructions hadolint's per-stage state sees between two resets: those before the first
    /// `FROM` (when there are any), then each stage's body (its `FROM` excluded).
    var stageBodies: [[Instruction]] {
        (globalInstructions.isEmpty ? [] : [globalInstructions]) + stages.map(\.instructions)
    }
}

extension DockerfileSubject {
    /// One finding per `RUN` for which `fails` holds (and per `ONBUILD RUN` with `includingTriggers`).
    func runFindings(_ message: String, includingTriggers: Bool, where fails: (InspectedRun) -> Bool) -> [Finding] {
        var out = DockerfileFindings(self)
        for run in dockerfile.runs(includingTriggers: includingTriggers) where fails(run) {
            out.fail(message, at: run.instruction)
        }
        return out.findings
    }

    /// One finding per `RUN` (and `ONBUILD RUN` with `includingTriggers`) running a matching command.
    func commandFindings(_ message: String, includingTriggers: Bool, where matches: (Command) -> Bool) -> [Finding] {
        runFindings(message, includingTriggers: includingTriggers) { $0.commands.contains(where: matches) }
    }
}

extension RunInstruction {
    /// Targets of `--mount=type=cache` and `--mount=type=tmpfs`: directories whose content does not
    /// end up in the layer, which hadolint accepts in place of cleaning a package cache.
    var cacheMountTargets: [String] {
        mounts.filter { $0.type == "cache" || $0.type == "tmpfs" }.compactMap(\.target)
    }
}

// MARK: - hadolint's reading of a command's arguments

extension Command {
    /// True when the program (by base name) is `program` and some argument is exactly one of
    /// `values`: hadolint's `cmdHasArgs`, which looks at every argument, options included.
    func `is`(_ program: String, withAnyArgument values: Set<String>) -> Bool {
        self.is(program) && arguments.contains { values.contains($0.value) }
    }

    /// True when `sudo` runs here, as the program or as a wrapper (`sudo apt-get …`).
    var usesSudo: Bool { self.is("sudo") || wrappers.contains("sudo") }

    /// The arguments that are not options (hadolint's `argsNoFlags`), without the value word of
    /// each option of `valueOptions` written apart from it (`-t jessie`, `--virtual .deps`, or a
    /// cluster ending in that option, `-qt jessie`). An option written `--name=value` carries its
    /// value and takes no word. `-` is an operand; `--` is dropped, and the words after it are
    /// operands, or, with `stoppingAtDoubleDash`, not looked at (`gem install x -- --build-flag`).
    func operands(droppingValuesOf valueOptions: Set<String> = [], stoppingAtDoubleDash: Bool = false) -> [ShellWord] {
        var result: [ShellWord] = []
        var skipNext = false
        var afterDoubleDash = false
        for word in arguments {
            let value = word.value
            if skipNext {
                skipNext = false
            } else if afterDoubleDash || value == "-" || !value.hasPrefix("-") {
                result.append(word)
            } else if value == "--" {
                if stoppingAtDoubleDash { break }
                afterDoubleDash = true
            } else if value.hasPrefix("--") {
                skipNext = !value.contains("=") && valueOptions.contains(value)
            } else if let last = value.last {
                skipNext = valueOptions.contains(value) || valueOptions.contains("-\(last)")
            }
        }
        return result
    }

    /// How many times the option is given (`-qq` and `-q -q` give `-q` twice).
    func count(ofFlag flag: String) -> Int { flags.filter { $0 == flag }.count }
}

/// The words after the first `install` (and any `install` right after it): hadolint's
/// `stripInstallPrefix`, used where the subcommand need not come first (`python -m pip install`).
private func afterInstall(_ words: [ShellWord]) -> [ShellWord] {
    Array(words.drop { $0.value != "install" }.drop { $0.value == "install" })
}

// MARK: - Package managers

extension Command {
    /// `apt-get … install …` (hadolint checks only `apt-get`, not `apt` or `aptitude`).
    var isAptGetInstall: Bool { self.is("apt-get", withAnyArgument: ["install"]) }

    /// The packages of `apt-get install`; nil for any other command. The value of `-t` /
    /// `--target-release` (a release name) and of the other apt-get options that take one is not a package.
    var aptGetInstallPackages: [ShellWord]? {
        guard isAptGetInstall else { return nil }
        return operands(droppingValuesOf: [
            "-t", "--target-release", "--default-release", "-o", "--option", "-c", "--config-file",
        ]).filter { $0.value != "install" }
    }

    /// `apk … add …`.
    var isApkAdd: Bool { self.is("apk", withAnyArgument: ["add"]) }

    /// The packages of `apk add`; nil for any other command. Values of `-t`/`--virtual` (a virtual
    /// package name), `-X`/`--repository` and apk's other value options are not packages.
    var apkAddPackages: [ShellWord]? {
        guard isApkAdd else { return nil }
        return operands(droppingValuesOf: [
            "-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "--keys-dir",
            "--repositories-file",
        ]).filter { $0.value != "add" }
    }

    /// `pip install …` (any `pip*` program but `pipx` and `pipenv`) or `python* -m pip install …`.
    var isPipInstall: Bool {
        guard let program = baseName else { return false }
        if program.hasPrefix("pip") {
            return program != "pipx" && program != "pipenv" && hasArgument("install")
        }
        guard program.hasPrefix("python") else { return false }
        let values = argumentValues
        return values.indices.dropLast(2).contains { values[$0] == "-m" && values[$0 + 1] == "pip" && values[$0 + 2] == "install" }
    }

    /// True for a pip install driven by files: `-r`/`--requirement`, the project itself (`.`), or
    /// `-c`/`--constraint` (the versions are then pinned there).
    var pipInstallUsesFiles: Bool {
        hasArgument("-r") || hasArgument("--requirement") || hasArgument(".") || hasFlag("-c") || hasFlag("--constraint")
    }

    /// The requirement specifiers of `pip install`; nil for any other command. Option values
    /// (`--index-url URL`, `--target DIR`, …) are not packages.
    var pipInstallPackages: [ShellWord]? {
        guard isPipInstall else { return nil }
        return afterInstall(operands(droppingValuesOf: Self.pipValueOptions))
    }

    /// pip options whose value is a separate word: hadolint's list, plus common global options
    /// (`--timeout 60`, `--cache-dir DIR`) whose values would otherwise read as packages.
    private static let pipValueOptions: Set<String> = [
        "--abi", "-b", "--build", "-e", "--editable", "--extra-index-url", "-f", "--find-links", "-i", "--index-url",
        "--implementation", "--no-binary", "--only-binary", "--platform", "--prefix", "--progress-bar", "--proxy",
        "--python-version", "--root", "--src", "-t", "--target", "--trusted-host", "--upgrade-strategy",
        "--timeout", "--retries", "--cache-dir", "--log", "--cert", "--client-cert", "--exists-action",
        "--global-option", "-C", "--config-settings", "--python",
    ]

    /// The packages of `npm install` when `install` is its first operand (`npm run x install` is
    /// not an install); nil otherwise. An empty list installs `package.json`.
    var npmInstallPackages: [ShellWord]? {
        guard self.is("npm") else { return nil }
        let words = operands(droppingValuesOf: ["--loglevel", "--registry"])
        guard words.first?.value == "install" else { return nil }
        return afterInstall(words)
    }

    /// The gems of `gem install`/`gem i`; nil for any other command, and for one pinned with
    /// `-v`/`--version`. Words after `--` are build options, not gems; the value of gem's value
    /// options is not a gem, nor is a `true`/`false` right after a long option (`--flag true`).
    var gemInstallGems: [ShellWord]? {
        guard self.is("gem", withAnyArgument: ["install", "i"]) else { return nil }
        if hasArgument("-v") || hasArgument("--version") || argumentValues.contains(where: { $0.hasPrefix("--version=") }) {
            return nil
        }
        // `--use-system-libraries true`: a boolean after a long option is that option's value.
        let args = arguments
        let booleanValues = Set(args.indices.dropFirst().filter { index in
            ["true", "false"].contains(args[index].value) && args[index - 1].value.hasPrefix("--")
                && !args[index - 1].value.contains("=")
        }.map { args[$0] })
        return operands(
            droppingValuesOf: [
                "-i", "--install-dir", "-n", "--bindir", "--build-root", "-P", "--trust-policy", "--platform", "-s",
                "--source", "-B", "--bulk-threshold", "--without",
            ],
            stoppingAtDoubleDash: true
        ).filter { $0.value != "install" && $0.value != "i" && !booleanValues.contains($0) }
    }
}

/// Whether a package argument names a version, per package manager, as hadolint decides it.
enum PackagePin {
    /// `pkg=version`, a release path (`pkg/bookworm-backports`, `./file.deb`) or a `.deb` file.
    static func apt(_ package: String) -> Bool {
        package.contains("=") || package.contains("/") || package.hasSuffix(".deb")
    }

    /// `pkg=version`, `pkg~version` or an `.apk` file.
    static func apk(_ package: String) -> Bool {
        package.contains("=") || package.contains("~") || package.hasSuffix(".apk")
    }

    /// A version specifier (`==`, `>=`, `~=`, `<`, `!=`…), a wheel or sdist file, a VCS URL with
    /// `@ref`, or a path or plain URL.
    static func pip(_ package: String) -> Bool {
        if ["==", ">", "<", "!=", "~="].contains(where: { package.contains($0) }) { return true }
        if package.hasSuffix(".whl") || package.hasSuffix(".tar.gz") { return true }
        let isVCS = pipVCSSchemes.contains { package.hasPrefix($0) }
        return isVCS ? package.contains("@") : package.contains("/")
    }

    /// pip's VCS schemes (`vcs+protocol`); hadolint's list, whose bare `git` and `svn` also match
    /// names such as `gitpython`, which then need `@` or a version specifier.
    private static let pipVCSSchemes = [
        "git+file", "git+https", "git+ssh", "git+http", "git+git", "git", "hg+file", "hg+http", "hg+https", "hg+ssh",
        "hg+static-http", "svn", "svn+svn", "svn+http", "svn+https", "svn+ssh", "bzr+http", "bzr+https", "bzr+ssh",
        "bzr+sftp", "bzr+ftp", "bzr+lp",
    ]

    /// `name@version` (`@scope/name@version`), a git URL with `#ref`, a tarball or a folder.
    static func npm(_ package: String) -> Bool {
        if ["git://", "git+ssh://", "git+http://", "git+https://"].contains(where: { package.hasPrefix($0) }) {
            return package.contains("#")
        }
        if [".tar", ".tar.gz", ".tgz"].contains(where: { package.hasSuffix($0) }) { return true }
        if ["/", "./", "../", "~/"].contains(where: { package.hasPrefix($0) }) { return true }
        let name = package.hasPrefix("@") ? package.drop { $0 != "/" } : Substring(package)
        return name.contains("@")
    }

    /// `gem:version`.
    static func gem(_ gem: String) -> Bool { gem.contains(":") }
}

// MARK: - Paths and images

extension Dockerfile {
    /// A stage's base image with the global `ARG` defaults expanded; nil when it uses a variable
    /// without a default, known only at build time. (`Stage.resolvedImage` expands such a variable to
    /// nothing, which cannot be told apart from a resolved reference.)
    func knownBaseImage(of stage: Stage) -> ImageReference? {
        guard stage.baseImage.hasVariables else { return stage.baseImage }
        var environment = Environment(escape: escape)
        for instruction in globalInstructions { environment.apply(instruction) }
        let expansion = environment.expansion(of: stage.baseImage.raw)
        return expansion.unresolved.isEmpty ? ImageReference(expansion.value) : nil
    }
}


extension String {
    /// True for a stage index written as digits (`COPY --from=0`).
    var isStageIndex: Bool { !isEmpty && allSatisfy { ("0"..."9").contains($0) } }

    /// The text without any `"` or `'` at either end (hadolint's `dropQuotes`).
    var unquotedPath: String {
        // Byte-wise: quotes are ASCII, and this runs for every path of every COPY and RUN.
        let isQuote: (UInt8) -> Bool = { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }
        guard let first = utf8.first, let last = utf8.last, isQuote(first) || isQuote(last) else { return self }
        let trimmed = utf8.drop(while: isQuote)
        return String(Substring(trimmed[trimmed.startIndex..<(trimmed.lastIndex { !isQuote($0) }.map { trimmed.index(after: $0) } ?? trimmed.startIndex)]))
    }

    /// True when the path (quotes dropped) ends in an archive suffix hadolint recognises (`.zip`
    /// is not one: `ADD` does not extract it).
    var isArchivePath: Bool {
        let path = unquotedPath
        return Self.archiveSuffixes.contains { path.hasSuffix($0) }
    }

    private static let archiveSuffixes = [
        ".tar", ".Z", ".bz2", ".gz", ".lz", ".lzma", ".tZ", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz", ".tpz", ".txz", ".xz",
    ]

    /// The last component of a path (quotes dropped), split on `/` and `\` (Windows paths).
    var pathBaseName: String {
        let path = unquotedPath
        guard let separator = path.utf8.lastIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }) else { return path }
        return String(Substring(path.utf8[path.utf8.index(after: separator)...]))
    }
}
