import Foundation
import TestSupport
import Testing

/// `eksguard audit` end to end on the demo clusters of examples/demo and on hand-made broken inputs.
@Suite struct AuditCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func run(_ arguments: [String]) throws -> EKSGuardProcess.Run {
        try EKSGuardProcess.run(arguments, directory: root)
    }

    static func demo(_ name: String) -> [String] {
        let folder = "examples/demo/\(name)"
        return ["audit", "--snapshot", "\(folder)/snapshot.json", "--manifests", "\(folder)/cluster.yaml", "--node-results", "\(folder)/node-results", "--dockerfiles", "\(folder)/Dockerfile"]
    }

    /// Check ID → statuses of its results, from a JSON report.
    static func statuses(_ json: String) throws -> [String: Set<String>] {
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let results = try #require(report["results"] as? [[String: Any]])
        var statuses: [String: Set<String>] = [:]
        for result in results {
            statuses[result["checkID"] as? String ?? "?", default: []].insert(result["status"] as? String ?? "?")
        }
        return statuses
    }

    @Test func insecureDemoFailsInEveryPracticeWithoutPrintingItsSecrets() throws {
        let run = try Self.run(Self.demo("insecure") + ["--format", "json"])
        #expect(run.status == 1, "stderr: \(run.stderr)")
        let statuses = try Self.statuses(run.stdout)
        for failing in ["EKS-LOG-001", "EKS-LOG-002", "EKS-LOG-006", "EKS-TRN-001", "EKS-TRN-008", "EKS-TRN-009", "EKS-POD-007", "EKS-IAM-014", "EKS-OS-001", "EKS-NET-001",
                        "EKS-ACC-001", "EKS-IMG-001", "EKS-IAM-002", "EKS-DKR-001", "EKS-CIS-020"] {
            #expect(statuses[failing]?.contains("fail") == true, "\(failing) should fail: \(statuses[failing] ?? [])")
        }
        #expect(!run.stdout.contains("wJalrXUtnFEMI"), "a secret from the manifests reached the report")
        #expect(run.stdout.contains("\"cluster\": \"shop-prod\""))
    }

    @Test func hardenedDemoHasNoFailureOrError() throws {
        let run = try Self.run(Self.demo("hardened") + ["--config", "examples/demo/hardened/.eksguard.yaml", "--format", "json"])
        let statuses = try Self.statuses(run.stdout)
        let bad = statuses.filter { $0.value.contains("fail") || $0.value.contains("error") }.keys.sorted()
        #expect(bad.isEmpty, "checks failing or erroring on the hardened demo: \(bad)")
        #expect(run.status == 0, "stderr: \(run.stderr)")
    }

    @Test func aFailedAPICallIsAnErrorAndExitCodeThree() throws {
        let snapshot = FileManager.default.temporaryDirectory.appendingPathComponent("denied-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: snapshot) }
        try Data(#"""
            {"formatVersion": 1, "generator": "test", "collectedAt": "2026-11-20T00:00:00Z", "clusterName": "prod", "region": "us-east-1",
             "calls": [{"service": "eks", "operation": "DescribeCluster", "parameters": {"name": "prod"},
                        "error": {"kind": "service", "code": "AccessDeniedException", "message": "not authorized", "httpStatus": 403}}]}
            """#.utf8).write(to: snapshot)
        let run = try Self.run(["audit", "--snapshot", snapshot.path, "--select", "EKS-LOG-001,EKS-LOG-002", "--format", "json"])
        #expect(run.status == 3, "stderr: \(run.stderr)")
        #expect(try Self.statuses(run.stdout) == ["EKS-LOG-001": ["error"], "EKS-LOG-002": ["error"]])
        #expect(run.stdout.contains("grant eks:DescribeCluster"))
    }

    @Test(arguments: [
        ["audit"],
        ["audit", "--snapshot", "a.json", "--cluster", "prod"],
        ["audit", "--manifests", "x.yaml", "--region", "us-east-1"],
        ["audit", "--manifests", "x.yaml", "--set", "novalue"],
        ["audit", "--snapshot", "/nonexistent/snapshot.json"],
    ])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let run = try Self.run(arguments)
        #expect(run.status == 2, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(!run.stderr.isEmpty)
    }
}
