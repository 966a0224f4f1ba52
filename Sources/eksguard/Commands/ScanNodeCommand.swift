import ArgumentParser
import EKSGuardCore
import Foundation
import NodeBenchmark
import Reports

struct ScanNodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Run the CIS Amazon EKS Benchmark worker-node checks (section 3) on a node's filesystem.",
        discussion: """
            Reads the kubelet's configuration (Amazon Linux 2 kubelet-config.json; AL2023 config.json plus the \
            nodeadm drop-ins of config.json.d, merged as the kubelet merges them; Bottlerocket's config), its \
            command-line flags (the running kubelet under /proc, else its systemd unit and drop-ins; flags \
            override the file, as in the kubelet), and the mode and owner of the kubeconfig and configuration \
            files, with names from the node's own /etc/passwd and /etc/group. --root reads a host filesystem \
            mounted elsewhere (inside a pod: /host).

            The benchmark is the one named with --benchmark, or the one the version table of \
            docs/node-benchmark.md gives for the kubelet's Kubernetes version (from Bottlerocket's \
            os-release or --kubelet-version); the report always names it. Automated checks are PASS or FAIL; \
            manual ones are WARN with the audit to perform, never PASS; data that could not be read is ERROR \
            (exit code 3); Fargate and EKS Auto Mode nodes are N/A.

            The text format is kube-bench's layout ([PASS] 3.1.1 Ensure that ...); --format json is what \
            `eksguard audit --node-results` reads. --print-daemonset and --print-job print the YAML that runs \
            this scan on every node (or one) with read-only host mounts and the JSON report in the pod log.
            """
    )

    @Option(help: "The node's root filesystem (default /; /host inside the printed DaemonSet).")
    var root: String = "/"

    @Option(help: "Benchmark version: \(BenchmarkData.versions.joined(separator: ", ")). Default: chosen from the kubelet's version.")
    var benchmark: String?

    @Option(name: .customLong("kubelet-version"), help: "The kubelet's Kubernetes version (1.31) when the node does not reveal it.")
    var kubeletVersion: String?

    @Option(name: .customLong("compute-type"), help: "ec2, fargate or auto; fargate and auto (EKS Auto Mode) make every check N/A. Default: from the kubelet's --node-labels.")
    var computeType: String?

    @Option(name: .customLong("node-name"), help: "Node name for the report (default: $NODE_NAME, else the node's /etc/hostname).")
    var nodeName: String?

    @Flag(name: .customLong("print-daemonset"), help: "Print a DaemonSet (with namespace and service account) that runs this scan on every node, and exit.")
    var printDaemonSet = false

    @Flag(name: .customLong("print-job"), help: "Print a Job that runs this scan on one node, and exit.")
    var printJob = false

    @Option(help: "Container image for --print-daemonset/--print-job; pin it by digest (name@sha256:...).")
    var image: String = "eksguard:\(EKSGuard.version)"

    @Flag(help: "Keep running after the report (what the DaemonSet's pods do, so they are not restarted).")
    var stay = false

    @OptionGroup var options: ScanOptions

    func validate() throws {
        if printJob && printDaemonSet { throw ValidationError("--print-job and --print-daemonset exclude each other") }
        if let benchmark, !BenchmarkData.versions.contains(benchmark) {
            throw ValidationError("--benchmark must be one of \(BenchmarkData.versions.joined(separator: ", ")) (got \"\(benchmark)\")")
        }
        if let computeType, !["ec2", "fargate", "auto"].contains(computeType) {
            throw ValidationError("--compute-type must be ec2, fargate or auto (got \"\(computeType)\")")
        }
        if options.format == .report(.hadolintJSON) { throw ValidationError("--format hadolint-json is for Dockerfile scans") }
    }

    func run() async throws {
        if printJob || printDaemonSet {
            print(manifests().render(printJob ? .job : .daemonSet), terminator: "")
            return
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue else {
            throw UsageError("--root \(root) is not a folder")
        }
        let configuration = try ConfigurationFile.load(options.config)
        // Building the whole catalog costs more than a node scan: only when there are patterns to check.
        let patterns = options.select.isEmpty && options.skip.isEmpty ? [] : options.selection.unmatchedPatterns(in: AllChecks.catalog.checks)
        for pattern in patterns {
            ReportOutput.warn("--select/--skip pattern \"\(pattern)\" matches no check")
        }
        let collector = NodeCollector(
            files: HostRoot(root: root), computeType: computeType == "ec2" ? nil : computeType,
            nodeName: nodeName ?? ProcessInfo.processInfo.environment["NODE_NAME"])
        let scan = NodeScan(
            collector: collector, benchmark: benchmark, kubeletVersion: kubeletVersion,
            engine: EngineOptions(selection: options.selection, configuration: configuration))
        let outcome: NodeScan.Outcome
        do {
            outcome = try scan.run()
        } catch {
            throw UsageError("\(error)")
        }
        if let warning = outcome.choice.warning { ReportOutput.warn(warning) }
        if outcome.facts.commandLineSource == nil {
            ReportOutput.warn("no kubelet command line found under \(root) (no kubelet in /proc, no kubelet.service): flags are assumed absent")
        }
        let report = Report(
            command: "scan node", settings: outcome.settings, results: outcome.checkResults,
            checks: NodeCatalog.metadata)
        let status = try ReportOutput.emit(
            report, options: options, rendered: options.format == .report(.text) ? KubeBenchText.render(outcome) : nil)
        if stay {
            // The DaemonSet's pod stays up so the report stays in its log; SIGTERM ends it.
            while true { try await Task.sleep(for: .seconds(3600)) }
        }
        throw ExitCode(status.rawValue)
    }

    /// The scan's own choices travel into the printed pods.
    private func manifests() -> ClusterManifests {
        var arguments: [String] = []
        if let benchmark { arguments += ["--benchmark", benchmark] }
        if let kubeletVersion { arguments += ["--kubelet-version", kubeletVersion] }
        return ClusterManifests(image: image, arguments: arguments)
    }
}
