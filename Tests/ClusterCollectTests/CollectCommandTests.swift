import ClusterSnapshot
import Foundation
import TestSupport
import Testing

/// The `eksguard collect` binary end to end against moto: exit codes, stderr messages, and no
/// secret anywhere in its output.
@Suite struct CollectCommandTests {
    static func run(_ arguments: [String], environment: [String: String]) throws -> EKSGuardProcess.Run {
        try EKSGuardProcess.run(arguments, environment: environment)
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

    /// `--manifests`: a `kubectl get -o yaml` style list whose service account names a role and whose
    /// pod runs an image of this account's registry (by the digest in its status) and one of another.
    @Test func manifestsNameRolesAndImagesToCollect() throws {
        let scenario = try #require(MotoScenario.scenario()["insecure"])
        let name = try #require(scenario["name"]?.string)
        let role = try #require(scenario["annotatedRole"]?.string)
        let image = try #require(scenario["repositoryURI"]?.string) + "@" + (try #require(scenario["runningDigest"]?.string))
        let foreign = "999988887777.dkr.ecr.us-east-1.amazonaws.com/base@sha256:" + String(repeating: "d", count: 64)
        let manifest = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ServiceAccount
              metadata: {name: app, namespace: default, annotations: {eks.amazonaws.com/role-arn: "\(role)"}}
            - apiVersion: v1
              kind: Pod
              metadata: {name: app-1, namespace: default}
              spec:
                serviceAccountName: app
                containers:
                - {name: app, image: "\(scenario["repositoryURI"]?.string ?? ""):v-1"}
                - {name: base, image: "\(foreign)"}
                - {name: proxy, image: "nginx:1.25"}
              status:
                containerStatuses:
                - {name: app, imageID: "docker-pullable://\(image)"}
            """
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("collect-manifests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(manifest.utf8).write(to: directory.appendingPathComponent("dump.yaml"))
        let output = directory.appendingPathComponent("snapshot.json").path
        let run = try Self.run(
            ["collect", "--cluster", name, "--region", "us-east-1", "--endpoint-url", MotoScenario.environment("EKSGUARD_MOTO_URL"),
             "--manifests", directory.appendingPathComponent("dump.yaml").path, "-o", output],
            environment: MotoScenario.awsEnvironment()
        )
        #expect(run.status == 3, "moto lacks some APIs")
        #expect(run.stderr.contains("manifests: 2 object(s) in 1 file(s) name 1 role(s) and 2 ECR image digest(s)"), "\(run.stderr)")
        let snapshot = try ClusterSnapshot.decode(Data(contentsOf: URL(fileURLWithPath: output)), source: output)
        let roleName = String(role.split(separator: "/").last ?? "")
        #expect(snapshot.call("iam", "GetRole", matching: ["RoleName": .string(roleName)])?.response != nil)
        let digest = try #require(scenario["runningDigest"])
        #expect(snapshot.call("ecr", "DescribeImages", matching: ["imageIds": [["imageDigest": digest]]])?.response != nil)
        #expect(snapshot.skipped == [SkippedInput(
            kind: "ecrImage", input: foreign, reason: "registry of account 999988887777 in us-east-1, collected from account 123456789012 in us-east-1")])

        let missing = try Self.run(
            ["collect", "--cluster", name, "--region", "us-east-1", "--manifests", directory.appendingPathComponent("absent.yaml").path],
            environment: MotoScenario.awsEnvironment())
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--manifests"))
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
