import ArgumentParser
import DockerfileLint
import EKSGuardCore
import Foundation
import KubernetesAudit

struct ScanDockerfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dockerfile",
        abstract: "Lint Dockerfiles: hadolint-compatible rules plus security rules.",
        discussion: """
            PATH is a file, a folder (searched recursively for Dockerfile, Dockerfile.*, *.Dockerfile and \
            Containerfile) or - for standard input. hadolint's pragmas work as they do in hadolint \
            (`# hadolint ignore=DL3008` above an instruction, `# hadolint global ignore=DL3059`), and so \
            do ours (`# eksguard ignore=EKS-DKR-005`); ignored failures are reported as waived. A \
            .hadolint.yaml in the current folder or in a scanned folder is read (ignored rules, \
            trustedRegistries, label-schema, override, failure-threshold), or name one with \
            --hadolint-config. --format hadolint-json prints hadolint's own JSON shape.
            """
    )

    @Argument(help: "Files, folders, or - for standard input.")
    var paths: [String]

    @OptionGroup var options: ScanOptions

    @Option(name: .customLong("hadolint-config"), help: "A .hadolint.yaml to use instead of the one found in the current or scanned folder.")
    var hadolintConfig: String?

    @Option(name: .customLong("max-file-size"), help: "Largest Dockerfile read, in MiB.")
    var maxFileSize: Int = 8

    func validate() throws {
        guard (1...1024).contains(maxFileSize) else { throw ValidationError("--max-file-size must be between 1 and 1024 MiB") }
    }

    func run() async throws {
        let configuration = try ConfigurationFile.load(options.config)
        let hadolint = try loadHadolintConfig()
        for pattern in options.selection.unmatchedPatterns(in: AllChecks.catalog.checks) {
            ReportOutput.warn("--select/--skip pattern \"\(pattern)\" matches no check")
        }
        let request = DockerfileScanRequest(
            paths: paths, engine: EngineOptions(selection: options.selection, configuration: configuration),
            hadolint: hadolint, files: DockerfileScan.inputFiles(maxFileBytes: maxFileSize << 20))
        let outcome: DockerfileScanOutcome
        do {
            outcome = try await DockerfileScan.run(request)
        } catch {
            throw UsageError("\(error)")
        }
        if outcome.files == 0 {
            throw UsageError("no Dockerfile, Dockerfile.*, *.Dockerfile or Containerfile found in \(paths.joined(separator: ", "))")
        }
        let report = Report(
            command: "scan dockerfile", settings: [("files", String(outcome.files))],
            results: outcome.results, checks: outcome.checks)
        var status = try ReportOutput.emit(report, options: options, failOn: options.threshold(default: hadolint.failThreshold))
        if outcome.nothingReadable {
            ReportOutput.warn("no input could be read")
            status = .usage
        }
        throw ExitCode(status.rawValue)
    }

    /// `--hadolint-config`, else `.hadolint.yaml` in the current folder, else in the first scanned folder that has one.
    private func loadHadolintConfig() throws -> HadolintConfig {
        var candidates = [".hadolint.yaml", ".hadolint.yml"]
        for path in paths where path != "-" {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                candidates += [path + "/.hadolint.yaml", path + "/.hadolint.yml"]
            }
        }
        if let hadolintConfig { candidates = [hadolintConfig] }
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            if let hadolintConfig { throw UsageError("hadolint configuration \(hadolintConfig) does not exist") }
            return HadolintConfig()
        }
        let document = try ConfigurationFile.document(at: path)
        do {
            return try HadolintConfig(document: document, file: path)
        } catch {
            throw UsageError("\(error)")
        }
    }
}
