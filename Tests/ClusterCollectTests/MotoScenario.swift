import AWSClient
import ClusterCollect
import ClusterSnapshot
import Foundation
import Testing

/// The two clusters Fixtures/build_scenarios.py creates in the moto server that scripts/test.sh
/// starts (scripts/services/moto.sh), and their snapshots as the collector reads them.
enum MotoScenario {
    static let accessKey = "AKIDMOTOCOLLECT00001"
    static let secretKey = "moto-collect-secret-never-printed"
    static let sessionToken = "moto-collect-session-token-never-printed"

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static func environment(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw Missing(description: "\(name) is not set: run the tests with scripts/test.sh, which starts moto (scripts/services/moto.sh)")
        }
        return value
    }

    /// Built once per test run; a random suffix keeps repeated runs on one server apart.
    static let built: Result<JSONValue, any Error> = Result {
        let url = try environment("EKSGUARD_MOTO_URL")
        let python = try environment("EKSGUARD_MOTO_PYTHON")
        let script = Bundle.module.url(forResource: "Fixtures/build_scenarios", withExtension: "py")!
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path, url, String(UUID().uuidString.prefix(8)).lowercased()]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let scenario = JSONValue.parse(data) else {
            throw Missing(description: "build_scenarios.py failed with status \(process.terminationStatus)")
        }
        return scenario
    }

    static func scenario() throws -> JSONValue { try built.get() }

    /// The environment a collection runs with: fixed credentials and a scratch HOME without config files.
    static func awsEnvironment() throws -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": accessKey, "AWS_SECRET_ACCESS_KEY": secretKey, "AWS_SESSION_TOKEN": sessionToken,
            "HOME": FileManager.default.temporaryDirectory.appendingPathComponent("moto-home-\(UUID().uuidString)").path,
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
    }

    /// Collects one cluster from moto, or through `endpoint` (a fault-injecting proxy in front of it).
    static func collect(
        _ cluster: String, endpoint: String? = nil, inputs: CollectInputs = CollectInputs(),
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> ClusterSnapshot {
        let session = try await AWSSession.open(
            environment: awsEnvironment(), region: "us-east-1", profile: nil,
            endpointURL: endpoint ?? environment("EKSGUARD_MOTO_URL"), progress: progress
        )
        return await ClusterCollector(
            client: session.client, clusterName: cluster, generator: "eksguard test", credentialSource: session.identity.source,
            inputs: inputs, progress: progress
        ).collect()
    }
}
