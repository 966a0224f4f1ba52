import EKSGuardCore

/// What `scan manifests` was asked to do.
package struct ManifestScanRequest: Sendable {
    package var paths: [String]
    package var context: KubernetesContext
    package var engine: EngineOptions
    package var files: InputFiles
    package var limits: YAMLLimits
    /// Checks that run beside the catalog's (Gatekeeper constraints read from files).
    package var extraChecks: [CheckDescriptor<Workload, KubernetesContext>]

    package init(
        paths: [String], context: KubernetesContext, engine: EngineOptions,
        files: InputFiles = ManifestScan.inputFiles(), limits: YAMLLimits = .standard,
        extraChecks: [CheckDescriptor<Workload, KubernetesContext>] = []
    ) {
        self.paths = paths
        self.context = context
        self.engine = engine
        self.files = files
        self.limits = limits
        self.extraChecks = extraChecks
    }
}

/// What `scan manifests` found, with the counts the CLI reports and bases its exit code on.
package struct ManifestScanOutcome: Sendable {
    package var results: [CheckResult]
    package var checks: [CheckMetadata]
    package var files: Int
    package var unreadableFiles: Int
    package var objects: Int
    package var workloads: Int

    /// No file at all could be read: CLI exit code 2.
    package var nothingReadable: Bool { files > 0 && unreadableFiles == files }
}

/// Reads files, extracts workloads and runs the checks: the whole `scan manifests` pipeline.
package enum ManifestScan {
    /// Kubernetes manifests: `.yaml`, `.yml` and `.json` files.
    package static func inputFiles(maxFileBytes: Int = 32 << 20) -> InputFiles {
        InputFiles(maxFileBytes: maxFileBytes, include: InputFiles.extensions(["yaml", "yml", "json"]))
    }

    package static func run(_ request: ManifestScanRequest) async throws(InputFiles.PathError) -> ManifestScanOutcome {
        let files = try request.files.expand(request.paths)
        let engine = Engine(
            checks: KubernetesCatalog.active(
                level: request.context.podSecurityLevel, version: request.context.podSecurityVersion,
                selected: { request.engine.selection.includes($0) && !request.engine.configuration.isDisabled($0) }
            ).map(\.descriptor) + request.extraChecks,
            options: request.engine)
        var scanned = await scan(files, using: request.files, limits: request.limits, engine: engine, context: request.context)
        scanned.results.sortForReport()
        return ManifestScanOutcome(
            results: scanned.results, checks: engine.checks.map(\.metadata) + [KubernetesCatalog.inputCheck],
            files: files.count, unreadableFiles: scanned.unreadableFiles, objects: scanned.objects,
            workloads: scanned.workloads)
    }

    /// Results of a batch of files, with the counts the outcome reports.
    struct Scanned: Sendable {
        var results: [CheckResult] = []
        var objects = 0
        var workloads = 0
        var unreadableFiles = 0

        mutating func merge(_ other: Scanned) {
            results += other.results
            objects += other.objects
            workloads += other.workloads
            unreadableFiles += other.unreadableFiles
        }
    }

    /// Reads, parses and checks files in batches: a file's YAML tree is dropped as soon as its
    /// workloads are checked, so memory follows the results, not the input. Order is restored by
    /// the caller's sort.
    static func scan(
        _ files: [String], using reader: InputFiles, limits: YAMLLimits,
        engine: Engine<Workload, KubernetesContext>, context: KubernetesContext
    ) async -> Scanned {
        let parts = await processInBatches(files) { batch in
            var part = Scanned()
            for file in batch {
                let loaded = loadFile(file, using: reader, limits: limits)
                for workload in loaded.workloads { part.results += engine.evaluate(workload, in: context) }
                // Input problems are reported whatever the selection: a skipped check must never hide an unread file.
                part.results += loaded.inputFindings.map { engine.result(KubernetesCatalog.inputCheck, $0) }
                part.objects += loaded.objects
                part.workloads += loaded.workloads.count
                part.unreadableFiles += loaded.unreadableFiles
            }
            return part
        }
        return parts.reduce(into: Scanned()) { $0.merge($1) }
    }

    package struct Loaded: Sendable {
        package var workloads: [Workload] = []
        /// Every object read, workloads or not (the audit's inventory reads service accounts, RBAC, ...).
        package var kubernetesObjects: [KubernetesObject] = []
        package var inputFindings: [Finding] = []
        package var objects = 0
        package var unreadableFiles = 0

    }

    package static func loadFile(_ file: String, using reader: InputFiles, limits: YAMLLimits) -> Loaded {
        var loaded = Loaded()
        let name = file == "-" ? "<stdin>" : file
        let fileRef = ResourceRef(file: name)
        let bytes: [UInt8]
        switch reader.read(file) {
        case .failure(let error):
            loaded.unreadableFiles = 1
            loaded.inputFindings.append(.error("\(name): \(error.reason)", at: fileRef))
            return loaded
        case .success(let read):
            bytes = read
        }
        return load(bytes, name: name, limits: limits)
    }

    /// Parses one file's bytes into workloads and input findings (also used by the check examples).
    package static func load(_ bytes: [UInt8], name: String, limits: YAMLLimits = .standard) -> Loaded {
        var loaded = Loaded()
        let fileRef = ResourceRef(file: name)
        let isJSON = name.lowercased().hasSuffix(".json")
        let documents = limits.parseDocuments(bytes, isJSON: isJSON)
        if documents.isEmpty {
            loaded.unreadableFiles = 1
            loaded.inputFindings.append(.error("\(name): the file holds no YAML or JSON document", at: fileRef))
        }
        for document in documents {
            let documentRef = fileRef.at("document \(document.index + 1)", nil)
            switch document.result {
            case .failure(let error):
                loaded.inputFindings.append(.error(
                    "\(name):\(error.position.line):\(error.position.column): document \(document.index + 1) cannot be parsed: \(error.message)",
                    at: documentRef.at("document \(document.index + 1)", error.position)))
            case .success(let node):
                guard let (objects, skipped) = KubernetesObject.objects(in: node, file: name) else {
                    loaded.inputFindings.append(.notApplicable(
                        "document \(document.index + 1) is not a Kubernetes object (no apiVersion and kind)",
                        at: documentRef.at("document \(document.index + 1)", node.position)))
                    continue
                }
                for item in skipped {
                    loaded.inputFindings.append(.notApplicable(
                        "\(item.path) of document \(document.index + 1) is not a Kubernetes object (no apiVersion and kind)",
                        at: documentRef.at(item.path, item.position)))
                }
                loaded.objects += objects.count
                loaded.kubernetesObjects += objects
                loaded.workloads += objects.compactMap(Workload.init)
            }
        }
        if documents.count > 0, documents.allSatisfy({ if case .failure = $0.result { true } else { false } }) {
            loaded.unreadableFiles = 1
        }
        return loaded
    }
}
