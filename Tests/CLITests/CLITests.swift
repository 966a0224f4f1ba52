import ArgumentParser
import EKSGuardCore
@testable import eksguard
import Foundation
import ImageScan
import KubernetesAudit
import Reports
import Testing

@Suite struct CLITests {
    /// docs/CHECKS.md is generated from the catalog and must not go stale.
    @Test func checksDocumentIsFresh() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/CHECKS.md"), encoding: .utf8)
        #expect(committed == CatalogListing.markdown(AllChecks.catalog.checks),
                "docs/CHECKS.md is out of date; run `swift run eksguard checks --format markdown > docs/CHECKS.md`")
    }

    @Test func checksJSONHasTheDocumentedKeys() throws {
        let data = Data(CatalogListing.json(AllChecks.catalog.checks).utf8)
        let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(!rows.isEmpty)
        for row in rows {
            for key in ["checkID", "title", "practice", "severity", "references"] { #expect(row[key] != nil, "missing \(key)") }
        }
    }

    @Test func explainShowsExamplesAndReferences() throws {
        let meta = try #require(AllChecks.catalog.metadata(for: "EKS-POD-007"))
        let text = CatalogListing.explanation(meta)
        #expect(text.contains("PSS:privileged") && text.contains("Failing example 1") && text.contains("Passing example 1"))
    }

    @Test(arguments: [
        ["scan", "manifests", "x.yaml", "--pss-version", "v2.0"],
        ["scan", "manifests", "x.yaml", "--pss-level", "strict"],
        ["scan", "manifests", "x.yaml", "--fail-on", "severe"],
        ["scan", "manifests"],
        ["checks", "--practice", "11"],
        ["scan", "node", "--benchmark", "eks-1.3.0"],
        ["scan", "node", "--compute-type", "lambda"],
        ["scan", "node", "--print-job", "--print-daemonset"],
        ["scan", "node", "--format", "hadolint-json"],
        ["scan", "image"],
        ["scan", "image", "--input", "a.tar", "--rootfs", "/"],
        ["scan", "image", "--rootfs", "/", "--platform", "linux/amd64"],
        ["scan", "image", "--rootfs", "/", "--sbom", "xml"],
        ["scan", "image", "--rootfs", "/", "--sbom", "cyclonedx", "--format", "json"],
        ["scan", "image", "registry.example.com/app:1", "--username", "me"],
        ["scan", "image", "registry.example.com/app:1", "--password-stdin"],
        ["scan", "image", "--input", "a.tar", "--username", "me", "--password-stdin"],
        ["scan", "image", "registry.example.com/app:1", "--username", "me:you", "--password-stdin"],
        ["version", "compare", "--scheme", "deb"],
        ["db", "import"],
    ])
    func badUsageIsRejected(_ arguments: [String]) {
        #expect(throws: (any Error).self) { _ = try EKSGuardCommand.parseAsRoot(arguments) }
    }

    @Test func imageUsageParses() throws {
        let scan = try #require(try EKSGuardCommand.parseAsRoot([
            "scan", "image", "demo:1", "--input", "image.tar", "--platform", "linux/arm64", "--ignore-unfixed", "--fail-on", "high",
        ]) as? ScanImageCommand)
        #expect(scan.reference == "demo:1" && scan.ignoreUnfixed && scan.options.threshold() == .severity(.high))
        let login = try #require(try EKSGuardCommand.parseAsRoot(["scan", "image", "r.io/app:1", "--username", "me", "--password-stdin"]) as? ScanImageCommand)
        #expect(login.username == "me" && login.passwordStdin)
        #expect(try EKSGuardCommand.parseAsRoot(["version", "compare", "--scheme", "rpm"]) is VersionCompareCommand)
        #expect(try EKSGuardCommand.parseAsRoot(["db", "info", "--db", "x.sqlite"]) is DBInfoCommand)
    }

    /// The spelling (`--format cyclonedx`) and `--sbom` ask for the same SBOM; other commands refuse it.
    @Test func sbomFormatsAreForImageScansOnly() throws {
        let scan = try #require(try EKSGuardCommand.parseAsRoot(["scan", "image", "--rootfs", "/", "--format", "spdx-json"]) as? ScanImageCommand)
        #expect(scan.options.format == .sbom(.spdxJSON))
        #expect(try EKSGuardCommand.parseAsRoot(["scan", "image", "--rootfs", "/", "--format", "cyclonedx", "--sbom", "cyclonedx"]) is ScanImageCommand)
        let options = try ScanOptions.parse(["--format", "cyclonedx"])
        let report = Report(command: "scan manifests", settings: [], results: [], checks: [])
        #expect(throws: UsageError.self) { _ = try ReportOutput.emit(report, options: options) }
    }

    @Test func goodUsageParses() throws {
        let command = try EKSGuardCommand.parseAsRoot([
            "scan", "manifests", "-", "--pss-version", "v1.25", "--pss-level", "baseline", "--format", "sarif",
            "--select", "PSS:*", "--skip", "EKS-POD-013", "--fail-on", "none",
        ])
        let scan = try #require(command as? ScanManifestsCommand)
        #expect(scan.pssLevel == .baseline && scan.options.format == .report(.sarif) && scan.options.threshold() == .none)
    }

    @Test func scanNodeParses() throws {
        let command = try EKSGuardCommand.parseAsRoot([
            "scan", "node", "--root", "/host", "--benchmark", "eks-1.8.0", "--format", "json", "--compute-type", "fargate",
        ])
        let scan = try #require(command as? ScanNodeCommand)
        #expect(scan.root == "/host" && scan.benchmark == "eks-1.8.0" && scan.options.format == .report(.json) && scan.computeType == "fargate")
    }

    @Test func nodeChecksAreInTheCatalog() throws {
        let meta = try #require(AllChecks.catalog.metadata(for: "EKS-CIS-005"))
        #expect(meta.practice == .cisBenchmark && meta.references.contains("CIS-EKS-1.8.0:3.2.1"))
    }
}
