import ArgumentParser
import ClusterAudit
import ClusterCollect
import ClusterSnapshot
import DockerfileLint
import EKSGuardCore
import Foundation
import KubernetesAudit
import KubernetesClient

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit an EKS cluster against the ten practices: AWS configuration, Kubernetes objects and node benchmark results in one scored report.",
        discussion: """
            AWS input: --snapshot FILE (written by eksguard collect, so the audit runs offline), or \
            --cluster NAME to collect live first (credentials and region as for eksguard collect). \
            Node input: --node-results PATH (eksguard scan node --format json reports, one per node). \
            Build input: --dockerfiles PATH (linted as eksguard scan dockerfile does).

            \(KubernetesInputOptions.discussion)

            Each input feeds the checks that read it; a check whose data is missing (an input not \
            given, an AWS call that failed, a kind that could not be listed) is an error result \
            saying why, never a pass. Pod templates are also checked against the Pod Security \
            Standards and the EKS workload checks (--pss-level, --pss-version as in scan manifests).

            --set KEY=VALUE (repeatable) sets a policy value the checks read (their rationale names \
            the keys), e.g. --set log-retention-min-days=365. The same keys may be given in \
            .eksguard.yaml under audit:.

            Exit codes: 0 nothing failed at or above --fail-on; 1 something did; 3 nothing failed but \
            some checks could not be evaluated; 2 usage error or no input.
            """
    )

    @Option(help: "A snapshot written by eksguard collect.")
    var snapshot: String?

    @Option(help: "Collect this cluster live before auditing (instead of --snapshot).")
    var cluster: String?

    @Option(help: "AWS region for --cluster (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region).")
    var region: String?

    @Option(help: "AWS profile for --cluster.")
    var profile: String?

    @Option(name: .customLong("endpoint-url"), help: "Send the AWS calls of --cluster to this URL (an emulator or a proxy).")
    var endpointURL: String?

    @OptionGroup var kubernetes: KubernetesInputOptions

    @Option(name: .customLong("node-results"), help: "eksguard scan node JSON reports: files or folders. Repeatable.")
    var nodeResults: [String] = []

    @Option(help: "Dockerfiles of the cluster's images: files or folders (practice 6). Repeatable.")
    var dockerfiles: [String] = []

    @Option(name: .customLong("set"), help: "A policy value for the checks: KEY=VALUE. Repeatable.")
    var settings: [String] = []

    @Option(name: .customLong("pss-level"), help: "Pod Security level for the workload checks: privileged, baseline or restricted.")
    var pssLevel: PodSecurityLevel = .restricted

    @Option(name: .customLong("pss-version"), help: "Pod Security policy version: latest or v1.N.")
    var pssVersion: String = "latest"

    @OptionGroup var options: ScanOptions

    func validate() throws {
        if snapshot != nil && cluster != nil { throw ValidationError("give --snapshot or --cluster, not both") }
        let kubernetesGiven = !kubernetes.manifests.isEmpty || kubernetes.kubeconfig != nil || kubernetes.context != nil
        if snapshot == nil && cluster == nil && !kubernetesGiven && nodeResults.isEmpty && dockerfiles.isEmpty {
            throw ValidationError(
                "nothing to audit: give --snapshot FILE or --cluster NAME, and/or --manifests PATH (or --kubeconfig/--context), --node-results PATH")
        }
        if cluster == nil && (region != nil || profile != nil || endpointURL != nil) {
            throw ValidationError("--region, --profile and --endpoint-url apply to --cluster only")
        }
        guard PodSecurityVersion(pssVersion) != nil else { throw ValidationError("--pss-version must be latest or v1.N (got \"\(pssVersion)\")") }
        _ = try policySettings()
    }

    /// `--set` pairs; a malformed one is a usage error naming it.
    func policySettings() throws -> [String: String] {
        var values: [String: String] = [:]
        for pair in settings {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw ValidationError("--set needs KEY=VALUE (got \"\(pair)\")")
            }
            values[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        return values
    }

    func run() async throws {
        let configuration = try ConfigurationFile.load(options.config)
        let engineOptions = EngineOptions(selection: options.selection, configuration: configuration)
        for pattern in options.selection.unmatchedPatterns(in: AllChecks.catalog.checks) {
            ReportOutput.warn("--select/--skip pattern \"\(pattern)\" matches no check")
        }
        var aws: ClusterSnapshot?
        if let snapshot { aws = try AuditInputs.readSnapshot(snapshot) }
        // Kubernetes objects from files or a kubeconfig are read first, so a live collection also
        // reads the IAM roles their service accounts name and the ECR images their pods run. Without
        // them, a live audit reads the objects from the collected cluster's own endpoint afterwards.
        let explicitKubernetes = !kubernetes.manifests.isEmpty || kubernetes.kubeconfig != nil || kubernetes.context != nil
        var loaded: (KubernetesInventory?, [Finding])?
        if explicitKubernetes || cluster == nil { loaded = try await kubernetes.loadInventory(eksFallback: nil) }
        if let cluster {
            let inputs = loaded?.0.map { CollectInputsFromKubernetes.inputs(from: $0.allObjects) } ?? CollectInputs()
            let collected = try await AuditInputs.collect(
                cluster: cluster, region: region, profile: profile, endpointURL: endpointURL, inputs: inputs, quiet: options.quiet)
            aws = collected.snapshot
            if loaded == nil { loaded = try await kubernetes.loadInventory(eksFallback: collected.eksEndpoint) }
        }
        let (inventory, inputProblems) = loaded ?? (nil, [])
        let facts = ClusterFacts(aws: aws.map(AWSFacts.init), kubernetes: inventory)
        let context = AuditContext(settings: try policySettings())

        let clusterEngine = Engine(checks: AuditCatalog.checks, options: engineOptions)
        var results = clusterEngine.evaluate(facts, in: context)
        results += inputProblems.map { clusterEngine.result(KubernetesCatalog.inputCheck, $0) }
        if let inventory {
            let version = PodSecurityVersion(pssVersion) ?? .latest
            let podContext = KubernetesContext(podSecurityLevel: pssLevel, podSecurityVersion: version)
            let workloadEngine = Engine(
                checks: KubernetesCatalog.active(level: pssLevel, version: version, selected: { engineOptions.selection.includes($0) && !configuration.isDisabled($0) }).map(\.descriptor),
                options: engineOptions)
            // A controller's pods repeat its template: judge the controller, and only pods without one.
            for workload in inventory.workloads where !workload.isOwnedPod {
                results += workloadEngine.evaluate(workload, in: podContext)
            }
        }
        if !nodeResults.isEmpty {
            for (metadata, finding) in try AuditInputs.readNodeResults(nodeResults) where engineOptions.selection.includes(metadata) {
                results.append(clusterEngine.result(metadata, finding))
            }
        }
        if !dockerfiles.isEmpty {
            let outcome: DockerfileScanOutcome
            do {
                outcome = try await DockerfileScan.run(DockerfileScanRequest(paths: dockerfiles, engine: engineOptions))
            } catch {
                throw UsageError("--dockerfiles: \(error)")
            }
            if outcome.files == 0 { throw UsageError("--dockerfiles: no Dockerfile found in \(dockerfiles.joined(separator: ", "))") }
            results += outcome.results
        }
        var inputs: [(String, String)] = []
        if let aws {
            inputs += [("cluster", aws.clusterName), ("region", aws.region), ("snapshot", snapshot ?? "collected live"),
                       ("collected-at", aws.collectedAt)]
        }
        if let inventory {
            let origin: String
            switch inventory.origin {
            case .files(let paths): origin = paths.joined(separator: ", ")
            case .live(let server, let context): origin = context.map { "\(server) (context \($0))" } ?? server
            }
            inputs += [("kubernetes", origin), ("kubernetes-objects", String(inventory.objectCount))]
        }
        if !nodeResults.isEmpty { inputs.append(("node-results", nodeResults.joined(separator: ", "))) }
        if !dockerfiles.isEmpty { inputs.append(("dockerfiles", dockerfiles.joined(separator: ", "))) }
        inputs += try policySettings().sorted { $0.key < $1.key }.map { ("set \($0.key)", $0.value) }
        let report = Report(
            command: "audit", settings: inputs, results: [CheckResult].inReportOrder([results]),
            checks: AllChecks.catalog.checks, kind: .audit)
        throw ExitCode(try ReportOutput.emit(report, options: options).rawValue)
    }
}
