import Foundation
@testable import ImageScan
import Testing

/// Matching on real data: the dpkg status of Debian 12 and Ubuntu 24.04 root filesystems built from the
/// release pocket without security updates, and OSV records derived from each security pocket and the
/// packages' changelogs (bench/realmatch/derive.py writes both and the expected answer). Every expected
/// (record, package) pair must be found with the record's fixed version, and nothing else: not records
/// fixed at or below the installed version, not entries for another release, not withdrawn records.
struct RealAdvisoryMatchTests {
    static func dataPath(_ distro: String, _ name: String) throws -> String {
        try #require(Bundle.module.url(forResource: "Data/realmatch/\(distro)/\(name)", withExtension: nil)).path
    }

    static func bytes(_ distro: String, _ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: try dataPath(distro, name))))
    }

    @Test(arguments: [("debian", "Debian:12"), ("ubuntu", "Ubuntu:24.04:LTS")])
    func matchesExactlyTheExpectedPairs(distro: String, ecosystem: String) throws {
        let files = ImageFiles(files: [
            "etc/os-release": .init(data: try Self.bytes(distro, "os-release"), layer: 0),
            "var/lib/dpkg/status": .init(data: try Self.bytes(distro, "status"), layer: 0),
        ])
        let os = try #require(OSDetector.detect(files))
        let packages = try PackageInventory.read(files)

        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try VulnerabilityDatabase(path: folder + "/db.sqlite", create: true)
        let outcome = try DatabaseImporter(database: database).importSource(try Self.dataPath(distro, "osv.json"))
        #expect(try VulnerabilityMatcher.ecosystems(for: os, in: database).first == ecosystem)
        #expect(outcome.skipped.isEmpty)
        #expect(outcome.withdrawn == 5)

        let matches = try VulnerabilityMatcher.match(packages: packages, os: os, database: database)
        let found = Set(matches.map { "\($0.vulnerabilityID) \($0.package.name) \($0.installedVersion) -> \($0.fixedVersion ?? "unfixed")" })
        let expected = Set(String(decoding: try Self.bytes(distro, "expected.txt"), as: UTF8.self)
            .split(separator: "\n").map(String.init))
        #expect(!expected.isEmpty)
        #expect(found.count == matches.count, "one match per (record, package)")
        // The first ten of each kind: a regression shows hundreds.
        #expect(Array(expected.subtracting(found).sorted().prefix(10)) == [], "false negatives")
        #expect(Array(found.subtracting(expected).sorted().prefix(10)) == [], "false positives")
    }

    /// The data holds the cases that tell source keying from binary keying, so the test above fails if the
    /// matcher compared binary names or versions: binaries named unlike their source (libssl3, bsdutils),
    /// binNMU versions (libbrotli1 1.0.9-2+b6 from brotli 1.0.9-2), and Ubuntu's bsdutils, whose binary version
    /// has an epoch its source version lacks (1:2.39.3-9ubuntu6 from util-linux 2.39.3-9ubuntu6: compared
    /// as a binary it would sort above every fix).
    @Test func fixturesExerciseSourceKeying() throws {
        var matched: [InstalledPackage] = []
        var epochs = 0
        for distro in ["debian", "ubuntu"] {
            let files = ImageFiles(files: ["var/lib/dpkg/status": .init(data: try Self.bytes(distro, "status"), layer: 0)])
            let expected = String(decoding: try Self.bytes(distro, "expected.txt"), as: UTF8.self).split(separator: "\n")
                .map { $0.split(separator: " ").map(String.init) }
            let names = Set(expected.map { $0[1] })
            matched += try PackageInventory.read(files).filter { names.contains($0.name) }
            epochs += expected.filter { $0[2].contains(":") }.count
        }
        #expect(matched.contains { $0.name != $0.sourceName })
        #expect(matched.contains { $0.version.hasSuffix("+b6") && $0.sourceVersion == "1.0.9-2" })
        #expect(matched.contains { $0.version.contains(":") && !$0.sourceVersion.contains(":") })
        #expect(epochs > 0)
    }
}
