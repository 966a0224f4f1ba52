import AWSClient
import ClusterAudit
import ClusterCollect
import ClusterSnapshot
import EKSGuardCore
import Foundation
import KubernetesAudit
import KubernetesClient
import NodeBenchmark

/// Reading the audit's inputs: the snapshot (a file, or collected live), Kubernetes objects from
/// files, and `scan node` reports. Every unreadable input is an error result or a usage error,
/// never skipped.
enum AuditInputs {
    static func readSnapshot(_ path: String) throws -> ClusterSnapshot {
        let bytes: [UInt8]
        switch InputFiles(maxFileBytes: ClusterSnapshot.maxBytes, include: { _ in true }).read(path) {
        case .success(let read): bytes = read
        case .failure(let error): throw UsageError("--snapshot: \(path): \(error.reason)")
        }
        do {
            return try ClusterSnapshot.decode(Data(bytes), source: path)
        } catch {
            throw UsageError("--snapshot: \(error)")
        }
    }

    /// Collects a snapshot live, as `eksguard collect` does; with it, the cluster's API server reached
    /// with an EKS token from the same credentials (nil when DescribeCluster gave no endpoint).
    static func collect(
        cluster: String, region: String?, profile: String?, endpointURL: String?, inputs: CollectInputs, quiet: Bool
    ) async throws -> (snapshot: ClusterSnapshot, eksEndpoint: KubernetesConnection?) {
        let live = LiveCollection(cluster: cluster, region: region, profile: profile, endpointURL: endpointURL, quiet: quiet)
        let (snapshot, session) = try await live.run(inputs: inputs)
        let described = snapshot.call("eks", "DescribeCluster")?.response?["cluster"]
        guard let endpoint = described?["endpoint"]?.string, let authority = described?[path: "certificateAuthority.data"]?.string else {
            return (snapshot, nil)
        }
        return (snapshot, try? KubernetesConnection.eks(endpoint: endpoint, certificateAuthorityData: authority, clusterName: cluster, aws: session.client))
    }

    /// `scan node --format json` reports (files or folders of .json), one per node, as results of
    /// the node checks they name.
    static func readNodeResults(_ paths: [String]) throws -> [(metadata: CheckMetadata, finding: Finding)] {
        let reader = InputFiles(maxFileBytes: 64 << 20) { $0.lowercased().hasSuffix(".json") }
        let files: [String]
        do {
            files = try reader.expand(paths)
        } catch {
            throw UsageError("--node-results: \(error)")
        }
        guard !files.isEmpty else { throw UsageError("--node-results: no .json file in \(paths.joined(separator: ", "))") }
        var results: [(CheckMetadata, Finding)] = []
        for file in files {
            let report: NodeResultsReader.NodeReport
            do {
                switch reader.read(file) {
                case .success(let bytes): report = try NodeResultsReader.read(Data(bytes), name: file)
                case .failure(let error): throw UsageError("--node-results: \(file): \(error.reason)")
                }
            } catch let error as NodeResultsReader.ReadError {
                throw UsageError("--node-results: \(error)")
            }
            for item in report.items {
                guard let metadata = AllChecks.catalog.metadata(for: item.checkID) else {
                    throw UsageError("--node-results: \(file) names check \(item.checkID), which this build does not know")
                }
                let ref = ResourceRef(kind: "Node", name: report.node, file: file)
                let finding: Finding
                switch item.state {
                case .pass: finding = .pass(item.message, at: ref)
                case .fail: finding = .fail(item.message, at: ref)
                case .warn: finding = .fail("manual: \(item.message)", at: ref, severity: .info)
                case .error: finding = .error(item.message, at: ref)
                case .notApplicable: finding = .notApplicable(item.message, at: ref)
                }
                results.append((metadata, finding))
            }
        }
        return results
    }
}
