import ArgumentParser
import EKSGuardCore
import Foundation
import Gatekeeper
import KubernetesAudit

extension PodSecurityLevel: ExpressibleByArgument {}

struct ScanManifestsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifests",
        abstract: "Check Kubernetes manifests against the Pod Security Standards and the EKS workload checks.",
        discussion: """
            PATH is a file, a folder (read recursively: .yaml, .yml, .json) or - for standard input. \
            Multi-document YAML, kind: List and every *List (kubectl get -A -o yaml), and JSON are read; \
            the pod templates of Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, \
            ReplicationControllers, Jobs, CronJobs and PodTemplates are checked.

            --pss-level and --pss-version mean what they mean in Pod Security Admission \
            (pod-security.kubernetes.io/enforce and enforce-version): the controls of that level, \
            exactly as that policy version defines them. A document that cannot be read is an error \
            result naming file and line; the rest is still checked.

            --constraints PATH (repeatable) also evaluates the Gatekeeper constraints in PATH (files or \
            folders) natively, for the gatekeeper-library pod-security-policy kinds: a workload's pod \
            template is checked as the Pod it creates, with the constraint's match, parameters and \
            enforcementAction (deny: high, warn: medium, dryrun: low). Results reference \
            gatekeeper:<Kind>; ConstraintTemplates in PATH are skipped.
            """
    )

    @Argument(help: "Files, folders, or - for standard input.")
    var paths: [String]

    @OptionGroup var options: ScanOptions

    @Option(name: .customLong("pss-level"), help: "Pod Security level: privileged, baseline or restricted.")
    var pssLevel: PodSecurityLevel = .restricted

    @Option(name: .customLong("pss-version"), help: "Pod Security policy version: latest or v1.N (v1.0 to \(KubernetesCatalog.newestPodSecurityVersion); newer means latest).")
    var pssVersion: String = "latest"

    @Option(name: .long, help: "Gatekeeper constraints to evaluate too: a file or folder of constraint objects. Repeatable.")
    var constraints: [String] = []

    @Option(name: .customLong("max-file-size"), help: "Largest input file read, in MiB.")
    var maxFileSize: Int = 32

    func validate() throws {
        guard PodSecurityVersion(pssVersion) != nil else {
            throw ValidationError("--pss-version must be latest or v1.N (got \"\(pssVersion)\")")
        }
        guard (1...4096).contains(maxFileSize) else {
            throw ValidationError("--max-file-size must be between 1 and 4096 MiB")
        }
    }

    func run() async throws {
        let configuration = try ConfigurationFile.load(options.config)
        let selection = options.selection
        let constraintChecks = try loadConstraints()
        for pattern in selection.unmatchedPatterns(in: AllChecks.catalog.checks + constraintChecks.map(\.metadata)) {
            ReportOutput.warn("--select/--skip pattern \"\(pattern)\" matches no check")
        }
        let version = PodSecurityVersion(pssVersion) ?? .latest
        let request = ManifestScanRequest(
            paths: paths,
            context: KubernetesContext(podSecurityLevel: pssLevel, podSecurityVersion: version),
            engine: EngineOptions(selection: selection, configuration: configuration),
            files: ManifestScan.inputFiles(maxFileBytes: maxFileSize << 20),
            extraChecks: constraintChecks.map(\.descriptor))
        let outcome: ManifestScanOutcome
        do {
            outcome = try await ManifestScan.run(request)
        } catch {
            throw UsageError("\(error)")
        }
        if outcome.files == 0 {
            throw UsageError("no .yaml, .yml or .json files found in \(paths.joined(separator: ", "))")
        }
        let newest = KubernetesCatalog.newestPodSecurityVersion
        let effective = version > newest ? "\(version) (= \(newest))" : version.description
        let report = Report(
            command: "scan manifests",
            settings: [
                ("pss-level", pssLevel.rawValue), ("pss-version", effective),
                ("files", String(outcome.files)), ("objects", String(outcome.objects)),
                ("workloads", String(outcome.workloads)),
            ] + (constraints.isEmpty ? [] : [("constraints", String(constraintChecks.count))]),
            results: outcome.results, checks: outcome.checks)
        var status = try ReportOutput.emit(report, options: options)
        if outcome.nothingReadable {
            ReportOutput.warn("no input could be read")
            status = .usage
        }
        throw ExitCode(status.rawValue)
    }

    /// The constraints named by --constraints; any that cannot be read is a usage error (exit 2),
    /// since a silently dropped constraint would pass what it should reject.
    private func loadConstraints() throws -> [Constraint] {
        guard !constraints.isEmpty else { return [] }
        let loaded: ConstraintLoader.Loaded
        do {
            loaded = try ConstraintLoader.load(constraints)
        } catch {
            throw UsageError("--constraints: \(error)")
        }
        guard loaded.problems.isEmpty else {
            throw UsageError("--constraints: " + loaded.problems.joined(separator: "\n"))
        }
        if loaded.constraints.isEmpty {
            throw UsageError("--constraints: no Gatekeeper constraint found in \(constraints.joined(separator: ", "))")
        }
        return loaded.constraints
    }
}
