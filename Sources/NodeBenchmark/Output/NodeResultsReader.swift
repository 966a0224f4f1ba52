import Foundation

/// Reads the JSON report of `scan node` back (what `eksguard audit --node-results` ingests):
/// per node, the benchmark version and every recommendation's kube-bench state.
package enum NodeResultsReader {
    package struct NodeReport: Sendable, Equatable {
        package var node: String
        package var benchmark: String
        package var items: [Item]
    }

    package struct Item: Sendable, Equatable {
        /// The CIS number in the report's benchmark version (`3.2.1`).
        package var cisID: String
        package var checkID: String
        package var state: NodeResult.State
        /// A waiver covered the failure (the state is what it would have been without it).
        package var waived: Bool
        package var message: String
    }

    package struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        package var description: String
    }

    private struct Document: Decodable {
        var schemaVersion: Int
        var settings: [String: String]
        var results: [Result]
        struct Result: Decodable {
            var checkID: String
            var status: String
            var message: String
            var references: [String]
            var resource: Resource
        }
        struct Resource: Decodable { var name: String? }
    }

    /// One report; a file from a DaemonSet's logs may hold one report per node, concatenated.
    package static func read(_ data: Data, name: String) throws(ReadError) -> NodeReport {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw ReadError(description: "\(name): not an eksguard scan node JSON report (\(error))")
        }
        guard document.schemaVersion == 1 else { throw ReadError(description: "\(name): unsupported schemaVersion \(document.schemaVersion)") }
        guard let version = document.settings["benchmark"], let benchmark = BenchmarkData.benchmark(version) else {
            throw ReadError(description: "\(name): the report names no benchmark eksguard knows")
        }
        let prefix = "CIS-\(version.uppercased()):"
        var items: [Item] = []
        for result in document.results {
            guard let reference = result.references.first(where: { $0.hasPrefix(prefix) }) else { continue }
            let cisID = String(reference.dropFirst(prefix.count))
            guard let item = benchmark.items.first(where: { $0.id == cisID }) else {
                throw ReadError(description: "\(name): \(cisID) is not part of \(version)")
            }
            let state: NodeResult.State
            switch result.status {
            case "pass": state = .pass
            case "fail", "waived": state = item.type == .manual ? .warn : .fail
            case "error": state = item.type == .manual ? .warn : .error
            case "notApplicable": state = .notApplicable
            default: throw ReadError(description: "\(name): unknown status \(result.status) for \(cisID)")
            }
            items.append(Item(cisID: cisID, checkID: result.checkID, state: state, waived: result.status == "waived", message: result.message))
        }
        return NodeReport(node: document.settings["node"] ?? document.results.first?.resource.name ?? "unknown",
                          benchmark: version, items: items)
    }
}
