import EKSGuardCore
import Foundation

/// What `scan dockerfile` was asked to do.
package struct DockerfileScanRequest: Sendable {
    package var paths: [String]
    package var engine: EngineOptions
    package var hadolint: HadolintConfig
    package var files: InputFiles

    package init(paths: [String], engine: EngineOptions, hadolint: HadolintConfig = HadolintConfig(),
                 files: InputFiles = DockerfileScan.inputFiles()) {
        self.paths = paths
        self.engine = engine
        self.hadolint = hadolint
        self.files = files
    }
}

package struct DockerfileScanOutcome: Sendable {
    package var results: [CheckResult]
    package var checks: [CheckMetadata]
    package var files: Int
    package var unreadableFiles: Int

    package var nothingReadable: Bool { files > 0 && unreadableFiles == files }
}

/// Reads Dockerfiles, runs the rules, applies ignore pragmas and `.hadolint.yaml` overrides.
package enum DockerfileScan {
    /// `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`, `Containerfile`, `Containerfile.*`.
    package static func inputFiles(maxFileBytes: Int = 8 << 20) -> InputFiles {
        InputFiles(maxFileBytes: maxFileBytes, include: isDockerfileName)
    }

    package static func isDockerfileName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower == "dockerfile" || lower.hasPrefix("dockerfile.") || lower.hasSuffix(".dockerfile")
            || lower == "containerfile" || lower.hasPrefix("containerfile.")
    }

    package static func run(_ request: DockerfileScanRequest) async throws(InputFiles.PathError) -> DockerfileScanOutcome {
        let files = try request.files.expand(request.paths)
        let active = DockerfileCatalog.active(
            selection: request.engine.selection, configuration: request.engine.configuration, hadolint: request.hadolint)
        let engine = Engine(checks: active.map(\.descriptor), options: request.engine)
        let context = DockerfileContext(config: request.hadolint)
        let codes = Dictionary(active.compactMap { e in e.hadolintCode.map { (e.metadata.id, $0) } }, uniquingKeysWith: { a, _ in a })
        let hadolint = request.hadolint, reader = request.files
        let parts = await processInBatches(files, batchSize: 16) { batch in
            batch.map { lint($0, reader: reader, engine: engine, context: context, codes: codes, hadolint: hadolint) }
        }.joined()
        let results = [CheckResult].inReportOrder(oneFilePerPart: parts.map(\.results))
        let unreadable = parts.filter(\.unreadable).count
        return DockerfileScanOutcome(
            results: results, checks: engine.checks.map(\.metadata) + [DockerfileCatalog.inputCheck],
            files: files.count, unreadableFiles: unreadable)
    }

    /// Reads, parses and lints one file.
    static func lint(
        _ file: String, reader: InputFiles, engine: Engine<DockerfileSubject, DockerfileContext>,
        context: DockerfileContext, codes: [String: String], hadolint: HadolintConfig
    ) -> (results: [CheckResult], unreadable: Bool) {
        let name = file == "-" ? "<stdin>" : file
        switch reader.read(file) {
        case .failure(let error):
            return ([engine.result(DockerfileCatalog.inputCheck, .error("\(name): \(error.reason)", at: ResourceRef(kind: "Dockerfile", file: name)))], true)
        case .success(let bytes):
            do {
                let dockerfile = try Dockerfile.parse(bytes: bytes)
                let subject = DockerfileSubject(file: name, dockerfile: dockerfile)
                var results = engine.evaluate(subject, in: context)
                applyPragmasAndOverrides(&results, in: dockerfile, codes: codes, hadolint: hadolint)
                return (results, false)
            } catch {
                let line = max(error.line, 1)
                return ([engine.result(DockerfileCatalog.inputCheck, .error(
                    "\(name):\(line): \(error.reason)", at: ResourceRef(kind: "Dockerfile", file: name, line: line, column: 1)))], true)
            }
        }
    }

    /// `# hadolint ignore=DL3008` above an instruction (or `global ignore` anywhere) waives that
    /// rule's failures there; `# eksguard ignore=EKS-DKR-…` does the same by our IDs. The result
    /// stays in the report as `waived` with the pragma as evidence. `.hadolint.yaml` overrides
    /// set the severity.
    static func applyPragmasAndOverrides(
        _ results: inout [CheckResult], in dockerfile: Dockerfile, codes: [String: String], hadolint: HadolintConfig
    ) {
        // Read once per file, and only when something can change: most results are passes.
        let globals = dockerfile.globalIgnorePragmas
        for index in results.indices {
            let code = codes[results[index].checkID]
            if let code, let level = hadolint.overrides[code].flatMap(HadolintLevel.init(rawValue:)) {
                results[index].severity = level.severity
            }
            guard results[index].status == .fail, !hadolint.disableIgnorePragma else { continue }
            let names = Set([results[index].checkID] + (code.map { [$0] } ?? []))
            var pragma = globals.first { !names.isDisjoint(with: $0.ruleIDs) }
            if pragma == nil, let line = results[index].resource.line,
               let instruction = dockerfile.instructions.last(where: { $0.position.line <= line && line <= $0.endLine }) {
                pragma = dockerfile.ignorePragmas(for: instruction).first { !names.isDisjoint(with: $0.ruleIDs) }
            }
            if let pragma {
                results[index].status = .waived
                results[index].message += " (ignored by `# \(pragma.tool) \(pragma.isGlobal ? "global " : "")ignore` on line \(pragma.position.line))"
            }
        }
    }
}
