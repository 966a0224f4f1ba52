import Foundation
@testable import ImageScan
import Testing

struct PackageDatabaseTests {
    static func files(_ entries: [String: [UInt8]]) -> ImageFiles {
        ImageFiles(files: entries.mapValues { .init(data: $0, layer: 1) })
    }

    @Test func dpkgStatusKeepsInstalledPackagesAndTheirSources() throws {
        let status = """
            Package: libexpat1
            Status: install ok installed
            Architecture: amd64
            Source: expat (2.5.0-1)
            Version: 2.5.0-1+b1
            Description: XML parsing C library
             with a continuation line

            Package: libgcc-s1
            Status: install ok installed
            Architecture: amd64
            Source: gcc-12
            Version: 12.2.0-14

            Package: removed
            Status: deinstall ok config-files
            Version: 1.0-1

            Package: libc6
            Status: install ok installed
            Architecture: amd64
            Version: 2.36-9+deb12u4

            Package: libc6
            Status: install ok installed
            Architecture: i386
            Version: 2.36-9+deb12u4

            Package: half
            Status: install reinstreq half-installed
            Version: 1
            """
        let packages = try PackageInventory.read(Self.files(["var/lib/dpkg/status": Array(status.utf8)]))
        #expect(packages.map(\.name) == ["libexpat1", "libgcc-s1", "libc6", "libc6"])
        let expat = try #require(packages.first)
        #expect(expat.sourceName == "expat" && expat.sourceVersion == "2.5.0-1" && expat.version == "2.5.0-1+b1")
        #expect(packages[1].sourceName == "gcc-12" && packages[1].sourceVersion == "12.2.0-14")
        #expect(packages[2].sourceName == "libc6" && packages.allSatisfy { $0.layer == 1 && $0.kind == .deb })
    }

    @Test func distrolessStatusFoldersHaveNoStatusField() throws {
        let files = Self.files([
            "var/lib/dpkg/status.d/base-files": Array("Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n".utf8),
            "var/lib/dpkg/status.d/tzdata": Array("Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n".utf8),
        ])
        #expect(try PackageInventory.read(files).map(\.name) == ["base-files", "tzdata"])
        #expect(ImageFiles.wants("var/lib/dpkg/status.d/tzdata") && !ImageFiles.wants("var/lib/dpkg/status.d/tzdata.md5sums"))
    }

    @Test func apkInstalledUsesOrigin() throws {
        let installed = """
            C:Q1abc=
            P:libcrypto3
            V:3.1.4-r5
            A:x86_64
            o:openssl
            L:Apache-2.0

            P:musl
            V:1.2.4-r2
            A:x86_64
            """
        let packages = try PackageInventory.read(Self.files(["lib/apk/db/installed": Array(installed.utf8)]))
        #expect(packages.map(\.sourceName) == ["openssl", "musl"])
        #expect(packages[0].version == "3.1.4-r5" && packages[0].license == "Apache-2.0")
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Data/rpm/\(name)", withExtension: nil))
        return Array(try Data(contentsOf: url))
    }

    /// The three packages make_rpm_fixtures.sh builds, as rpm itself lists them.
    static let expectedRPMs = [
        "fixture-bash 5.1.8-6.el9_1 x86_64 fixture-bash 5.1.8-6.el9_1",
        "fixture-openssl 3.0.7-27.el9 x86_64 fixture-openssl 3.0.7-27.el9",
        "fixture-tzdata 2:2024a-1.el9 noarch fixture-tzdata 2:2024a-1.el9",
    ]

    @Test(arguments: ["var/lib/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/Packages.db", "var/lib/rpm/Packages"])
    func rpmDatabases(path: String) throws {
        let data = try Self.fixture(String(path.split(separator: "/").last!))
        let packages = try PackageInventory.read(Self.files([path: data]))
        let lines = packages.map { "\($0.name) \($0.version) \($0.architecture) \($0.sourceName) \($0.sourceVersion)" }.sorted()
        #expect(lines == Self.expectedRPMs)
        #expect(packages.allSatisfy { $0.databasePath == path && $0.kind == .rpm })
    }

    @Test(arguments: ["var/lib/rpm/rpmdb.sqlite", "var/lib/rpm/Packages.db", "var/lib/rpm/Packages"])
    func truncatedRPMDatabasesFailNamingTheFile(path: String) throws {
        let data = try Self.fixture(String(path.split(separator: "/").last!))
        for length in [0, 16, 100, data.count / 3, data.count / 2, data.count - 1] {
            let files = Self.files([path: Array(data.prefix(length))])
            do {
                _ = try PackageInventory.read(files)
                // A cut that happens to end on a page boundary may still hold whole records.
            } catch let error as ImageScanError {
                #expect(error.description.hasPrefix(path))
            }
        }
    }

    @Test func corruptedHeaderBlobsAreErrors() throws {
        var data = try Self.fixture("Packages.db")
        // Point the first slot's blob at the middle of the file.
        data[32 + 8] = 0x7F
        #expect(throws: ImageScanError.self) { _ = try PackageInventory.read(Self.files(["var/lib/rpm/Packages.db": data])) }
    }

    @Test func sourceRPMNamesSplitAtTheLastTwoHyphens() {
        let parsed = ["openssl-3.0.7-27.el9.src.rpm", "python3.11-pip-22.3.1-4.el9.src.rpm", "garbage"]
            .map { RpmHeader.splitSourceRPM($0).map { "\($0.name)|\($0.version)|\($0.release)" } ?? "-" }
        #expect(parsed == ["openssl|3.0.7|27.el9", "python3.11-pip|22.3.1|4.el9", "-"])
    }
}
