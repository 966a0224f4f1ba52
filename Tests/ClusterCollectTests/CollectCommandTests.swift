import ClusterSnapshot
import Foundation
import Testing

/// The `eksguard collect` binary end to end against moto: exit codes, stderr messages, and no
/// secret anywhere in its output.
@Suite struct CollectCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The eksguard binary built next to the test bundle.
    static func run(_ arguments: [String], environment: [String: String]) throws -> Run {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("eksguard")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build eksguard first (swift build)")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func collectWritesTheSnapshotAndNamesWhatFailedWithoutLeakingSecrets() throws {
        let name = try #require(MotoScenario.scenario()[path: "insecure.name"]?.string)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let run = try Self.run(
            ["collect", "--cluster", name, "--region", "us-east-1", "--endpoint-url", MotoScenario.environment("EKSGUARD_MOTO_URL"), "-o", output],
            environment: MotoScenario.awsEnvironment()
        )
        #expect(run.status == 3, "moto lacks some APIs, so the snapshot is incomplete")
        #expect(run.stderr.contains("collecting cluster \(name) in us-east-1 with credentials from environment"))
        #expect(run.stderr.contains("the snapshot is incomplete"))
        #expect(run.stderr.contains("eks:ListAddons failed: HTTP404"))
        let data = try Data(contentsOf: URL(fileURLWithPath: output))
        let snapshot = try ClusterSnapshot.decode(data, source: output)
        #expect(snapshot.clusterName == name)
        let everything = run.stdout + run.stderr + String(decoding: data, as: UTF8.self)
        for secret in [MotoScenario.secretKey, MotoScenario.sessionToken, MotoScenario.accessKey] {
            #expect(!everything.contains(secret))
        }
    }

    @Test func noCredentialsIsAUsageErrorThatSaysWhatWasTried() throws {
        var environment = try MotoScenario.awsEnvironment()
        environment.removeValue(forKey: "AWS_ACCESS_KEY_ID")
        environment.removeValue(forKey: "AWS_SECRET_ACCESS_KEY")
        environment.removeValue(forKey: "AWS_SESSION_TOKEN")
        let run = try Self.run(["collect", "--cluster", "x", "--region", "us-east-1"], environment: environment)
        #expect(run.status == 2)
        #expect(run.stderr.contains("no usable AWS credentials"))
        #expect(run.stderr.contains("tried environment"))
    }

    @Test func noRegionIsAUsageError() throws {
        var environment = try MotoScenario.awsEnvironment()
        environment.removeValue(forKey: "AWS_REGION")
        let run = try Self.run(["collect", "--cluster", "x"], environment: environment)
        #expect(run.status == 2)
        #expect(run.stderr.contains("no region"))
    }
}
