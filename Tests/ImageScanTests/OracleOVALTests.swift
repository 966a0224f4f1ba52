import Foundation
@testable import ImageScan
import Testing

/// Oracle Linux ELSA advisories from OVAL definitions, read from the criterion comments.
struct OracleOVALTests {
    static func withDatabase(_ body: (VulnerabilityDatabase) throws -> Void) throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try VulnerabilityDatabase(path: folder + "/db.sqlite", create: true)
        let path = try #require(Bundle.module.url(forResource: "Data/oval/com.oracle.elsa-fixture.xml", withExtension: nil)).path
        let outcome = try DatabaseImporter(database: database).importSource(path)
        #expect(outcome.records == 2)
        #expect(try database.summary().sources.map(\.kind) == ["elsa-oval"])
        try body(database)
    }

    @Test(arguments: [
        ("Oracle Linux 9 is installed", OracleOVAL.Criterion.release("9")),
        ("openssl-libs is earlier than 1:3.0.7-25.0.1.el9_3", .earlier(package: "openssl-libs", evr: "1:3.0.7-25.0.1.el9_3")),
        ("zlib is earlier than 0:1.2.11-40.el9", .earlier(package: "zlib", evr: "1.2.11-40.el9")),
        ("Module nodejs:18 is enabled", .module("nodejs:18")),
    ])
    func criterionComments(comment: String, criterion: OracleOVAL.Criterion) {
        #expect(OracleOVAL.Criterion(comment: comment) == criterion)
    }

    @Test func otherCommentsSayNothing() {
        for comment in ["Oracle Linux arch is x86_64", "openssl-libs is signed with the Oracle Linux 9 key", "Oracle Linux must be installed", ""] {
            #expect(OracleOVAL.Criterion(comment: comment) == nil, "\(comment)")
        }
    }

    @Test func oracleLinuxPackagesMatchElsaFixes() throws {
        try Self.withDatabase { database in
            func rpm(_ name: String, _ version: String, module: String? = nil) -> InstalledPackage {
                InstalledPackage(kind: .rpm, name: name, version: version, architecture: "x86_64", databasePath: "var/lib/rpm/rpmdb.sqlite", module: module)
            }
            let ol9 = [rpm("openssl-libs", "1:3.0.7-24.0.1.el9"), rpm("zlib", "1.2.11-40.el9"), rpm("bash", "5.1.8-6.el9")]
            let matches = try VulnerabilityMatcher.match(packages: ol9, os: OperatingSystem(family: .oracle, version: "9.3"), database: database)
            #expect(matches.map { "\($0.vulnerabilityID) \($0.cve) \($0.package.name) -> \($0.fixedVersion ?? "unfixed") \($0.severity.rawValue)" }
                == ["ELSA-2024-9101 CVE-2024-90020 openssl-libs -> 1:3.0.7-25.0.1.el9_3 high"])
            #expect(matches.first?.summary == "ELSA-2024-9101:  openssl security update (IMPORTANT)")
            // The module advisory applies to its stream only.
            let ol8 = [rpm("nodejs", "1:18.19.0-1.module+el8.9.0+90100+0c1d2e3f", module: "nodejs:18"),
                       rpm("nodejs", "1:20.10.0-1.module+el8.9.0+90100+0c1d2e3f", module: "nodejs:20")]
            let modular = try VulnerabilityMatcher.match(packages: ol8, os: OperatingSystem(family: .oracle, version: "8.9"), database: database)
            #expect(modular.map { "\($0.vulnerabilityID) \($0.installedVersion) \($0.severity.rawValue)" }
                == ["ELSA-2024-9102 1:18.19.0-1.module+el8.9.0+90100+0c1d2e3f medium"])
        }
    }

    @Test func brokenOVALIsAClearError() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(Array("<oval_definitions><definitions><definition>".utf8), to: folder + "/cut.xml")
        try write(Array("<oval_definitions><definitions></oval_definitions>".utf8), to: folder + "/mismatched.xml")
        let database = try VulnerabilityDatabase(path: folder + "/db.sqlite", create: true)
        for name in ["cut.xml", "mismatched.xml"] {
            let error = #expect(throws: ImageScanError.self) { _ = try DatabaseImporter(database: database).importSource(folder + "/" + name) }
            #expect(error.map { "\($0)" }?.contains("\(name): not an OVAL document") == true)
        }
    }
}
