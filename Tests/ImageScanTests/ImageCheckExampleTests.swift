import EKSGuardCore
import Foundation
@testable import ImageScan
import Testing

/// Runs the passing and failing examples in the image checks' metadata.
struct ImageCheckExampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var check: ImageCheck
        var example: CheckExample
        var passing: Bool
        var index: Int
        var testDescription: String { "\(check.metadata.id) \(passing ? "passing" : "failing") #\(index + 1)" }
    }

    static var cases: [Case] {
        ImageCatalog.checks.flatMap { check in
            check.metadata.passing.enumerated().map { Case(check: check, example: $1, passing: true, index: $0) }
                + check.metadata.failing.enumerated().map { Case(check: check, example: $1, passing: false, index: $0) }
        }
    }

    /// The examples' JSON: an image summary with its precomputed vulnerability matches.
    struct Example: Decodable {
        struct Vulnerability: Decodable {
            var id: String
            var package: String
            var installed: String
            var fixed: String?
            var severity: String
        }
        var image: String
        var os: String
        var distroless: Bool?
        var sizeMiB: Int64?
        var tools: [String]?
        var vulnerabilities: [Vulnerability]?
        var lookupProblem: String?

        var subject: ImageSubject {
            let words = os.split(separator: " ").map(String.init)
            let system = OperatingSystem(family: OperatingSystem.Family(rawValue: words[0])!, version: words[1], distroless: distroless ?? false)
            let matches = (vulnerabilities ?? []).map { v in
                VulnerabilityMatch(
                    vulnerabilityID: v.id, aliases: [v.id],
                    package: InstalledPackage(kind: .deb, name: v.package, version: v.installed, architecture: "amd64", databasePath: "var/lib/dpkg/status"),
                    installedVersion: v.installed, fixedVersion: v.fixed, severity: VulnerabilitySeverity(label: v.severity), score: nil,
                    summary: "", ecosystem: "Debian:12")
            }
            let inventory = ImageInventory(name: image, os: system, packages: matches.map(\.package), layers: [], tools: Set(tools ?? []), architecture: nil)
            return ImageSubject(inventory: inventory, matches: matches, lookupProblem: lookupProblem, sizeBytes: (sizeMiB ?? 0) << 20)
        }
    }

    @Test(arguments: cases)
    func example(_ item: Case) throws {
        let example = try JSONDecoder().decode(Example.self, from: Data(item.example.input.utf8))
        let context = ImageCheckContext(ignoreUnfixed: item.example.options["ignore-unfixed"] == "true")
        let findings = item.check.evaluate(example.subject, context)
        if item.passing {
            #expect(findings.isEmpty, "\(findings.map(\.message))")
        } else {
            #expect(!findings.isEmpty && findings.allSatisfy { $0.status == item.example.expectedStatus })
            for field in item.example.expect {
                #expect(findings.contains { $0.resource.field == field }, "no finding on \(field): \(findings.map(\.message))")
            }
        }
    }

    @Test func everyCheckHasBothKindsOfExamples() {
        for check in ImageCatalog.checks { #expect(!check.metadata.passing.isEmpty && !check.metadata.failing.isEmpty) }
    }

    @Test func sbomsListEveryPackage() throws {
        let packages = [
            InstalledPackage(kind: .deb, name: "libc6", version: "2.36-9", architecture: "amd64", sourceName: "glibc", databasePath: "s", license: "LGPL-2.1"),
            InstalledPackage(kind: .deb, name: "bash", version: "5.2.15-2+b2", architecture: "amd64", databasePath: "s"),
        ]
        let inventory = ImageInventory(name: "demo:1", os: OperatingSystem(family: .debian, version: "12.5"), packages: packages, layers: [], tools: [], architecture: nil)
        let date = Date(timeIntervalSince1970: 0), serial = UUID(uuidString: "00000000-0000-0000-0000-000000000001")!
        let cyclone = try JSONSerialization.jsonObject(with: Data(try SBOMFormat.cyclonedx.render(inventory, now: date, serial: serial).utf8)) as? [String: Any]
        let components = try #require(cyclone?["components"] as? [[String: Any]])
        #expect(components.compactMap { $0["purl"] as? String } == [
            "pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12.5", "pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12.5",
        ])
        let spdx = try JSONSerialization.jsonObject(with: Data(try SBOMFormat.spdxJSON.render(inventory, now: date, serial: serial).utf8)) as? [String: Any]
        let spdxPackages = try #require(spdx?["packages"] as? [[String: Any]])
        #expect(spdxPackages.compactMap { $0["name"] as? String } == ["demo:1", "bash", "libc6"])
        #expect(spdx?["spdxVersion"] as? String == "SPDX-2.3")
    }
}
