import AWSClient
import ArgumentParser
import ClusterCollect
import ClusterSnapshot
import EKSGuardCore
import Foundation
import KubernetesAudit

struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Read the AWS side of an EKS cluster into a snapshot file (read-only API calls).",
        discussion: """
            Credentials come from the AWS CLI's chain: environment variables, --profile / AWS_PROFILE in \
            ~/.aws/config and ~/.aws/credentials (assume-role chains with source_profile or \
            credential_source, credential_process), web identity (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN, \
            IRSA), container credentials (EKS Pod Identity) and EC2 instance metadata (IMDSv2). The region \
            comes from --region, AWS_REGION, AWS_DEFAULT_REGION or the profile. --endpoint-url (or \
            AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>) sends the calls to an emulator or a VPC endpoint.

            Every call's answer or error is kept in the snapshot (docs/snapshot.md); progress goes to \
            standard error. Exit codes: 0 every call answered; 3 the snapshot was written but some calls \
            failed (the denied IAM actions are listed); 2 usage error, no credentials, or credentials AWS \
            rejected. README.md lists the IAM policy collection needs.

            --manifests reads Kubernetes objects (files, folders, or a `kubectl get -A -o yaml` dump) for \
            what they name in AWS: the IAM roles of service-account annotations (eks.amazonaws.com/role-arn) \
            are read with their policies, and the ECR images pods run (by digest, from container statuses or \
            digest-pinned specs) with their scan findings. Roles and images of other accounts or regions are \
            listed in the snapshot's `skipped` with the reason.
            """
    )

    @Option(help: "The EKS cluster's name.")
    var cluster: String

    @Option(help: "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region).")
    var region: String?

    @Option(help: "Profile in the shared AWS config and credentials files (default: AWS_PROFILE, then default).")
    var profile: String?

    @Option(name: .customLong("endpoint-url"), help: "Send every AWS call to this URL (an emulator such as moto, or a proxy).")
    var endpointURL: String?

    @Option(name: [.customShort("o"), .long], help: "Write the snapshot to this file instead of standard output.")
    var output: String?

    @Option(name: .long, help: "Kubernetes manifests or a `kubectl get -A -o yaml` dump naming the roles and images to read too. Repeatable.")
    var manifests: [String] = []

    @Option(name: .customLong("max-concurrency"), help: "Most AWS requests in flight at once.")
    var maxConcurrency: Int = 8

    @Option(help: "Seconds to wait for one AWS answer before retrying.")
    var timeout: Int = 30

    @Flag(name: .long, help: "No progress lines on standard error.")
    var quiet = false

    func validate() throws {
        guard !cluster.isEmpty, cluster.count <= 100 else { throw ValidationError("--cluster needs a cluster name of 1 to 100 characters") }
        guard (1...64).contains(maxConcurrency) else { throw ValidationError("--max-concurrency must be between 1 and 64") }
        guard (1...600).contains(timeout) else { throw ValidationError("--timeout must be between 1 and 600 seconds") }
    }

    func run() async throws {
        let live = LiveCollection(
            cluster: cluster, region: region, profile: profile, endpointURL: endpointURL,
            maxConcurrency: maxConcurrency, timeout: .seconds(timeout), quiet: quiet)
        let (snapshot, session) = try await live.run(inputs: try readInputs(progress: live.progress))
        try write(snapshot)
        let lines = CollectionSummary.lines(snapshot, credentials: session.identity.description)
        guard !lines.isEmpty else { return }
        FileHandle.standardError.write(Data(lines.map { "eksguard: \($0)\n" }.joined().utf8))
        throw ExitCode(ExitStatus.incomplete.rawValue)
    }

    /// The roles and images the --manifests files name. A file that cannot be read is a usage
    /// error: collecting without it would quietly leave its roles and images out.
    private func readInputs(progress: @Sendable (String) -> Void) throws -> CollectInputs {
        guard !manifests.isEmpty else { return CollectInputs() }
        let reader = ManifestScan.inputFiles()
        let files: [String]
        do {
            files = try reader.expand(manifests)
        } catch {
            throw UsageError("--manifests: \(error)")
        }
        var objects: [KubernetesObject] = []
        for file in files {
            let loaded = ManifestScan.loadFile(file, using: reader, limits: .standard)
            if loaded.unreadableFiles > 0 {
                throw UsageError("--manifests: \(loaded.inputFindings.map(\.message).joined(separator: "; "))")
            }
            objects += loaded.kubernetesObjects
        }
        let inputs = CollectInputsFromKubernetes.inputs(from: objects)
        progress("manifests: \(objects.count) object(s) in \(files.count) file(s) name \(inputs.roleARNs.count) role(s) and \(inputs.images.count) ECR image digest(s)")
        return inputs
    }

    private func write(_ snapshot: ClusterSnapshot) throws {
        let data = snapshot.encoded() + Data("\n".utf8)
        guard let output else {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw UsageError("cannot write the snapshot to \(output): \(error.localizedDescription)")
        }
    }
}
