import ArgumentParser
import EKSGuardCore
import Foundation
import KubernetesAudit
import KubernetesClient

/// Where `audit` reads the cluster's Kubernetes objects: manifest files or a kubectl dump, a
/// kubeconfig context, or (live audits) the EKS endpoint with a token from the AWS credentials.
struct KubernetesInputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Kubernetes objects from files instead of the API server: files, folders (.yaml, .yml, .json), - for standard input, or a kubectl dump (command below). Repeatable.",
        valueName: "path"))
    var manifests: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Read the objects live with this kubeconfig file (default: KUBECONFIG, else ~/.kube/config, when --context is given).",
        valueName: "file"))
    var kubeconfig: String?

    @Option(name: .long, help: ArgumentHelp("The kubeconfig context to use instead of its current-context.", valueName: "name"))
    var context: String?

    @Flag(name: .customLong("no-kubernetes"), help: "Audit the AWS side only: checks that need Kubernetes objects report error.")
    var noKubernetes = false

    @Option(name: .customLong("max-manifest-size"), help: ArgumentHelp("Largest manifest file or dump read, in MiB.", valueName: "MiB"))
    var maxManifestSize: Int = 256

    /// For the audit command's discussion: how each source is chosen, and the dump command.
    static let discussion = """
        Kubernetes objects come from --manifests PATH (files, folders, or a dump), or live from the API \
        server: with --kubeconfig/--context by kubectl's rules (KUBECONFIG merging, client certificates, \
        bearer tokens, exec plugins); without them, a live audit (--cluster) connects to the cluster's \
        endpoint with an EKS token made from the AWS credentials. Live reading needs "list" on every \
        audited kind (docs/kubernetes-input.md has the ClusterRole); a kind it may not list makes the \
        checks that read it report error. Secrets are never read.

        The dump --manifests expects:
          \(AuditedKind.kubectlDumpCommand)
        """

    func validate() throws {
        if !manifests.isEmpty, kubeconfig != nil || context != nil {
            throw ValidationError("--manifests reads files; it cannot be combined with --kubeconfig or --context")
        }
        if noKubernetes, !manifests.isEmpty || kubeconfig != nil || context != nil {
            throw ValidationError("--no-kubernetes cannot be combined with --manifests, --kubeconfig or --context")
        }
        guard (1...4096).contains(maxManifestSize) else {
            throw ValidationError("--max-manifest-size must be between 1 and 4096 MiB")
        }
    }

    /// The inventory the audit checks, and findings about the input itself (unreadable files,
    /// documents that cannot be parsed) for the audit to report. Nil when there is no Kubernetes
    /// input: `--no-kubernetes`, or no files, kubeconfig or EKS endpoint to read from.
    /// `eksFallback` is the audited EKS cluster (`KubernetesConnection.eks`), used when neither
    /// --kubeconfig nor --context is given. Unusable input (a missing path, a kubeconfig that
    /// cannot be read) throws a usage error.
    func loadInventory(eksFallback: KubernetesConnection?, environment: [String: String] = ProcessInfo.processInfo.environment)
        async throws -> (KubernetesInventory?, [Finding])
    {
        if noKubernetes { return (nil, []) }
        if !manifests.isEmpty { return try loadFiles() }
        let connection: KubernetesConnection
        if kubeconfig != nil || context != nil {
            do {
                connection = try KubeconfigLoader(explicitFile: kubeconfig, context: context, environment: environment).load().connection()
            } catch {
                throw UsageError(error.description)
            }
        } else if let eksFallback {
            connection = eksFallback
        } else {
            return (nil, [])
        }
        let api = KubernetesAPI(connection)
        let inventory = await InventoryReader().read(from: api)
        await api.shutdown()
        return (inventory, [])
    }

    private func loadFiles() throws -> (KubernetesInventory?, [Finding]) {
        let reader = ManifestScan.inputFiles(maxFileBytes: maxManifestSize << 20)
        let files: [String]
        do {
            files = try reader.expand(manifests)
        } catch {
            throw UsageError("--manifests: \(error)")
        }
        guard !files.isEmpty else {
            throw UsageError("--manifests: no .yaml, .yml or .json files found in \(manifests.joined(separator: ", "))")
        }
        var objects: [KubernetesObject] = []
        var findings: [Finding] = []
        var unreadable = 0
        for file in files {
            let loaded = ManifestScan.loadFile(file, using: reader, limits: .standard)
            objects += loaded.kubernetesObjects
            findings += loaded.inputFindings
            unreadable += loaded.unreadableFiles
        }
        // With nothing read, every Kubernetes check would judge an empty cluster: refuse instead.
        if unreadable == files.count {
            throw UsageError("--manifests: no file could be read:\n" + findings.map(\.message).joined(separator: "\n"))
        }
        return (KubernetesInventory(origin: .files(manifests), objects: objects), findings)
    }
}
