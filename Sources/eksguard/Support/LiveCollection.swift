import AWSClient
import ClusterCollect
import ClusterSnapshot
import EKSGuardCore
import Foundation

/// Collecting one cluster live, as `collect` and `audit --cluster` both do: the credential chain,
/// progress on standard error, and credentials AWS rejects as a usage error.
struct LiveCollection {
    var cluster: String
    var region: String?
    var profile: String?
    var endpointURL: String?
    var maxConcurrency = 8
    var timeout: Duration = .seconds(30)
    var quiet = false

    /// Progress lines on standard error, unless quiet.
    var progress: @Sendable (String) -> Void {
        let quiet = quiet
        return { line in if !quiet { FileHandle.standardError.write(Data("eksguard: \(line)\n".utf8)) } }
    }

    func run(inputs: CollectInputs) async throws -> (snapshot: ClusterSnapshot, session: AWSSession) {
        let progress = progress
        let session: AWSSession
        do {
            session = try await AWSSession.open(
                environment: ProcessInfo.processInfo.environment, region: region, profile: profile, endpointURL: endpointURL,
                maxConcurrency: maxConcurrency, timeout: timeout, progress: progress)
        } catch {
            throw UsageError("no usable AWS credentials: \(error.message)")
        }
        progress("collecting cluster \(cluster) in \(session.client.region) with \(session.identity.description)")
        let snapshot = await ClusterCollector(
            client: session.client, clusterName: cluster, generator: "eksguard \(EKSGuard.version)",
            credentialSource: session.identity.source, inputs: inputs, progress: progress
        ).collect()
        if let rejected = CollectionSummary.rejection(snapshot) {
            throw UsageError("AWS rejected the \(session.identity.description): \(rejected.code) \(rejected.message)")
        }
        return (snapshot, session)
    }
}
