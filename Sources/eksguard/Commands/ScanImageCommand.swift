import AWSClient
import ArgumentParser
import ClusterCollect
import EKSGuardCore
import Foundation
import ImageScan
import Reports

struct ScanImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Scan a container image's OS packages for known vulnerabilities (practice 5).",
        discussion: """
            The image comes from a registry (REF alone: [registry/]repository[:tag][@digest], Registry HTTP \
            API v2, bearer tokens, manifest lists, loopback registries over plain HTTP), from --input (a `docker save` tar, Docker's OCI-in-tar or an \
            OCI layout packed as tar), --oci-layout (an OCI image layout folder) or --rootfs (an unpacked root \
            filesystem); with a file or folder, REF selects an image inside it by tag or digest. Layers (gzip, zstd or plain) are streamed in memory, never unpacked to disk. The OS \
            and its packages (dpkg, apk, rpm) are matched against the local database built by `eksguard db \
            import` (--db, default $EKSGUARD_DB or ~/.cache/eksguard/vulnerabilities.sqlite). Results: \
            EKS-IMG-005 per vulnerable package (CVE, package, installed and fixed version, severity, layer) and \
            EKS-IMG-011 for images that are large or, when meant to be minimal, carry shells or package \
            managers. --format (or --sbom) cyclonedx|spdx-json prints the package inventory as an SBOM instead of the \
            report (no database needed). Progress goes to standard error.

            Registry credentials, first match wins: --username with --password-stdin; a credHelpers entry \
            for the registry (docker-credential-NAME get on PATH, e.g. ecr-login); for an ECR private registry \
            (ACCOUNT.dkr.ecr.REGION.amazonaws.com) ecr:GetAuthorizationToken through the AWS CLI's credential \
            chain (AWS_PROFILE, AWS_ENDPOINT_URL_ECR); credsStore; the auths entry (auth, username/password or \
            identitytoken). Files: $DOCKER_CONFIG/config.json or ~/.docker/config.json, then $REGISTRY_AUTH_FILE \
            or $XDG_RUNTIME_DIR/containers/auth.json and ~/.config/containers/auth.json (podman, skopeo). \
            As with Docker, a file whose helper has nothing for the registry gives no credentials (its auths \
            entry is ignored) and the next file is read; when nothing matches, the pull is anonymous. A malformed credentials file, a helper that is \
            missing, fails or runs over 30 s stops the scan (exit 2). Identity tokens (helper user <token>) are \
            exchanged at the registry's token service. Secrets are never printed.
            """
    )

    @Argument(help: "Registry image ([registry/]repository[:tag][@digest]), or the tag or digest of an image inside the archive or layout.")
    var reference: String?

    @Option(name: .long, help: "A docker-archive or OCI layout tar file.")
    var input: String?

    @Option(name: .customLong("oci-layout"), help: "An OCI image layout folder.")
    var ociLayout: String?

    @Option(name: .long, help: "A root filesystem folder.")
    var rootfs: String?

    @Option(name: .long, help: "Platform to pick from a multi-platform image: os/arch[/variant] (default linux/amd64, else the first).")
    var platform: String?

    @Option(name: .long, help: "Vulnerability database (default: $EKSGUARD_DB or ~/.cache/eksguard/vulnerabilities.sqlite).")
    var db: String?

    @Flag(name: .customLong("ignore-unfixed"), help: "Leave out vulnerabilities that have no fixed version yet.")
    var ignoreUnfixed = false

    @Option(name: .customLong("slim-size"), help: "Size in MiB above which EKS-IMG-011 fails.")
    var slimSize: Int = 500

    @Flag(name: .customLong("expect-slim"), help: "The image is meant to be minimal: shells and package managers fail EKS-IMG-011.")
    var expectSlim = false

    @Option(name: .long, help: "Print an SBOM of the OS packages instead of the report: cyclonedx or spdx-json (the same as --format cyclonedx|spdx-json).")
    var sbom: SBOMFormat?

    @Option(name: .customLong("max-layer-size"), help: "Largest decompressed layer read, in MiB.")
    var maxLayerSize: Int = 32 << 10

    @Option(name: .long, help: "User name for the registry; the password is read from standard input (--password-stdin).")
    var username: String?

    @Flag(name: .customLong("password-stdin"), help: "Read the registry password (or token) for --username from standard input.")
    var passwordStdin = false

    @OptionGroup var options: ScanOptions

    func validate() throws {
        let sources = [input, ociLayout, rootfs].compactMap { $0 }
        guard sources.count == 1 || (sources.isEmpty && reference != nil) else {
            throw ValidationError("give an image reference, or exactly one of --input, --oci-layout or --rootfs")
        }
        guard slimSize > 0, maxLayerSize > 0 else { throw ValidationError("--slim-size and --max-layer-size must be positive") }
        if rootfs != nil, reference != nil || platform != nil { throw ValidationError("REF and --platform do not apply to --rootfs") }
        if sbom != nil, options.format != .report(.text), options.format != sbom.map(OutputFormat.sbom) {
            throw ValidationError("--sbom \(sbom!.rawValue) and --format \(options.format) ask for two different outputs")
        }
        guard (username != nil) == passwordStdin else {
            throw ValidationError("--username and --password-stdin go together (the password is never a flag: it would show in ps and shell history)")
        }
        if username != nil, !sources.isEmpty { throw ValidationError("--username applies to registry images, not to --input, --oci-layout or --rootfs") }
        if username?.isEmpty == true || username?.contains(":") == true { throw ValidationError("--username must be non-empty and without \":\"") }
    }

    func run() async throws {
        let inventory: ImageInventory
        let size: Int64
        do {
            (inventory, size) = try await readImage()
        } catch {
            throw UsageError("\(error)")
        }
        if let format = sbomFormat {
            try write(try format.render(inventory))
            throw ExitCode(ExitStatus.clean.rawValue)
        }
        let subject = try lookUp(inventory, size: size)
        let context = ImageCheckContext(ignoreUnfixed: ignoreUnfixed, slimSizeLimitBytes: Int64(slimSize) << 20, expectSlim: expectSlim)
        for pattern in options.selection.unmatchedPatterns(in: AllChecks.catalog.checks) {
            ReportOutput.warn("--select/--skip pattern \"\(pattern)\" matches no check")
        }
        let results = ImageCatalog.evaluate(subject, context: context, selection: options.selection)
        let report = Report(
            command: "scan image",
            settings: [("image", inventory.name), ("os", inventory.os?.description ?? "unknown"), ("packages", String(inventory.packages.count))],
            results: results, checks: ImageCatalog.metadata)
        let status = try ReportOutput.emit(report, options: options)
        throw ExitCode(status.rawValue)
    }

    /// `--sbom F` or `--format F` with an SBOM format.
    private var sbomFormat: SBOMFormat? {
        if let sbom { return sbom }
        if case let .sbom(format) = options.format { return format }
        return nil
    }

    private func readImage() async throws -> (ImageInventory, Int64) {
        if let rootfs {
            progress("reading \(rootfs)")
            let inventory = try ImageLoader.inventory(ofRoot: rootfs)
            return (inventory, 0)
        }
        var limits = ScanLimits()
        limits.maximumLayerBytes = maxLayerSize << 20
        let image: ResolvedImage
        if let input {
            image = try ImageLayouts.archive(path: input, reference: reference, platform: platform, limits: limits)
        } else if let ociLayout {
            image = try ImageLayouts.ociFolder(path: ociLayout, reference: reference, platform: platform, limits: limits)
        } else {
            let parsed = try ImageReference(reference!)
            let credentials = try await registryCredentials(for: parsed)
            progress("pulling \(parsed)" + (credentials.map { " with the credentials of \($0.origin)" } ?? " anonymously"))
            image = try RegistryClient(reference: parsed, credentials: credentials, limits: limits).resolve(platform: platform)
        }
        let inventory = try await ImageLoader.inventory(of: image, limits: limits, progress: { progress($0) })
        return (inventory, image.layers.reduce(0) { $0 + $1.size })
    }

    /// Matches against the database; a missing database or an OS without data is an `error` result,
    /// never a silent pass.
    private func lookUp(_ inventory: ImageInventory, size: Int64) throws -> ImageSubject {
        guard let os = inventory.os else {
            return ImageSubject(inventory: inventory, matches: [], lookupProblem: "the image's operating system was not recognised", sizeBytes: size)
        }
        if let problem = VulnerabilityMatcher.uncovered(os) {
            return ImageSubject(inventory: inventory, matches: [], lookupProblem: problem.description, sizeBytes: size)
        }
        let database: VulnerabilityDatabase
        do {
            database = try VulnerabilityDatabase(path: db ?? VulnerabilityDatabase.defaultPath, create: false)
        } catch {
            return ImageSubject(inventory: inventory, matches: [], lookupProblem: "\(error)", sizeBytes: size)
        }
        progress("matching \(inventory.packages.count) packages against \(database.path)")
        do {
            let matches = try VulnerabilityMatcher.match(packages: inventory.packages, os: os, database: database)
            return ImageSubject(inventory: inventory, matches: matches, lookupProblem: nil, sizeBytes: size)
        } catch let problem as VulnerabilityMatcher.NoAdvisoryData {
            return ImageSubject(inventory: inventory, matches: [], lookupProblem: problem.description, sizeBytes: size)
        }
    }

    /// `--username` with `--password-stdin`; else a `credHelpers` entry for the registry; else, for an ECR
    /// private registry, ecr:GetAuthorizationToken; else `credsStore` and `auths` (Docker's config, then the
    /// containers auth file). A broken credentials file or a failing helper stops the scan.
    private func registryCredentials(for reference: ImageReference) async throws -> ResolvedCredential? {
        if let username {
            return ResolvedCredential(.basic(user: username, password: try Self.readPassword()), origin: "--username and --password-stdin")
        }
        let store = try RegistryCredentialStore.load()
        if !store.hasRegistryHelper(for: reference.registry), let ecr = await ecrCredentials(registry: reference.registry) {
            return ResolvedCredential(.basic(user: ecr.user, password: ecr.password), origin: "ecr:GetAuthorizationToken")
        }
        let found = try store.credentials(for: reference)
        if found == nil {
            progress("no credentials for \(reference.registry) in \(store.searched.joined(separator: ", ")) or their helpers")
        }
        return found
    }

    /// The password on standard input, as `docker login --password-stdin` reads it: trailing line breaks dropped.
    static func readPassword() throws -> String {
        var bytes: [UInt8] = []
        while bytes.count <= 64 << 10 {
            let chunk = FileHandle.standardInput.readData(ofLength: 4096)
            if chunk.isEmpty { break }
            bytes += chunk
        }
        guard bytes.count <= 64 << 10 else { throw UsageError("--password-stdin: standard input is longer than 64 KiB") }
        let password = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .newlines)
        guard !password.isEmpty else { throw UsageError("--password-stdin: standard input holds no password") }
        return password
    }

    /// For an ECR private registry, basic credentials from ecr:GetAuthorizationToken in the registry's
    /// region, signed by the AWS CLI's credential chain; nil (the credentials files then apply) for other
    /// registries or when AWS refuses, which is said on standard error.
    private func ecrCredentials(registry: String) async -> (user: String, password: String)? {
        guard let (_, region) = ECRImageReference.registry(host: Substring(registry)) else { return nil }
        do throws(AWSError) {
            let session = try await AWSSession.open(
                environment: ProcessInfo.processInfo.environment, region: region, profile: nil, endpointURL: nil)
            let credentials = try await ECRAuthorization.credentials(client: session.client)
            progress("ECR credentials from ecr:GetAuthorizationToken (\(session.identity.description))")
            return credentials
        } catch {
            ReportOutput.warn("no ECR credentials for \(registry) (\(error.code): \(error.message)); trying the credentials files")
            return nil
        }
    }

    private func progress(_ message: String) {
        if !options.quiet { FileHandle.standardError.write(Data("eksguard: \(message)\n".utf8)) }
    }

    private func write(_ text: String) throws {
        if let path = options.output {
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
                throw UsageError("cannot write the SBOM to \(path)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
extension SBOMFormat: ExpressibleByArgument {}
