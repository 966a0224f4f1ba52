import Foundation
import GRDB
@testable import ImageScan
import Testing

/// CSAF 2.0 import (Red Hat and SUSE advisories and VEX files), Red Hat product streams and SUSE
/// products as ecosystems, and matching RHEL 9-like and SLES 15-like root filesystems end to end.
struct CSAFTests {
    static func dataPath(_ name: String) throws -> String {
        try #require(Bundle.module.url(forResource: "Data/\(name)", withExtension: nil)).path
    }

    static func record(_ name: String) throws -> OSVRecord {
        let path = try dataPath("csaf/\(name)")
        return try CSAFImport.record(Array(try Data(contentsOf: URL(fileURLWithPath: path))), name: path)
    }

    /// Every CSAF fixture imported into a fresh database in a scratch folder.
    static func withDatabase(_ body: (VulnerabilityDatabase) throws -> Void) throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try VulnerabilityDatabase(path: folder + "/db.sqlite", create: true)
        let outcome = try DatabaseImporter(database: database).importSource(try dataPath("csaf"))
        #expect(outcome.records == 5 && outcome.csafDocuments == 5 && outcome.skipped.isEmpty, "\(outcome.skipped)")
        try body(database)
    }

    static func ranges(_ record: OSVRecord, _ ecosystem: String, _ name: String) -> [[RangeEvent]]? {
        record.affected?.first { $0.package?.ecosystem == ecosystem && $0.package?.name == name }?.ranges?.map(\.events)
    }

    @Test func redHatAdvisoryIsOneRecordWithFixesPerStream() throws {
        let record = try Self.record("rhsa-2024_9001.json")
        #expect(record.id == "RHSA-2024:9001" && record.aliases == ["CVE-2024-90001", "CVE-2024-90002"])
        #expect(record.published == "2024-04-30T08:00:00+00:00" && record.modified == "2024-05-02T10:00:00+00:00")
        #expect(record.severity?.first?.score == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H")
        let baseOS = "Red Hat:enterprise_linux:9::baseos", appStream = "Red Hat:enterprise_linux:9::appstream"
        // x86_64, aarch64 and the source rpm fold into one entry per name; epoch 0 is dropped.
        #expect(Self.ranges(record, baseOS, "openssl-libs") == [[.introduced("0"), .fixed("1:3.0.7-27.el9")]])
        #expect(Self.ranges(record, baseOS, "openssl") == [[.introduced("0"), .fixed("1:3.0.7-27.el9")]])
        #expect(Self.ranges(record, baseOS, "zlib") == [[.introduced("0"), .fixed("1.2.11-40.el9")]])
        #expect(Self.ranges(record, "Red Hat:rhel_eus:9.2::baseos", "openssl-libs") == [[.introduced("0"), .fixed("1:3.0.7-18.el9_2")]])
        // Module packages are qualified by their stream, whether the rpm's purl or the relationship names it.
        #expect(Self.ranges(record, appStream, "nodejs:18::nodejs") == [[.introduced("0"), .fixed("1:18.20.2-1.module+el9.4.0+21500+aaaa1111")]])
        #expect(Self.ranges(record, appStream, "nodejs:20::nodejs") == [[.introduced("0"), .fixed("1:20.12.2-1.module+el9.4.0+21600+bbbb2222")]])
        #expect(Self.ranges(record, appStream, "nodejs") == nil)
        // sudo is only named by the CVE rated Moderate: its own severity, below the record's.
        let sudo = try #require(record.affected?.first { $0.package?.name == "sudo" })
        #expect(sudo.severity?.first?.score == "Moderate" && sudo.aliases == ["CVE-2024-90002"])
        #expect(record.affected?.first { $0.package?.name == "openssl-libs" }?.aliases == ["CVE-2024-90001"])
        #expect(record.affected?.count == 7)
    }

    @Test func vexFilesKeepUnfixedComponentsAndLeaveOutNotAffectedAndContainers() throws {
        let record = try Self.record("cve-2024-90003.json")
        #expect(record.id == "CVE-2024-90003" && record.aliases == [])
        #expect(Self.ranges(record, "Red Hat:enterprise_linux:9", "curl") == [[.introduced("0")]])
        #expect(Self.ranges(record, "Red Hat:enterprise_linux:8", "curl") == [[.introduced("0")]])
        #expect(record.affected?.map { $0.package?.name } == ["curl", "curl"])
        #expect(record.severity?.first?.score == "Low")
    }

    @Test func suseAdvisoryNamesEcosystemsAfterProducts() throws {
        let record = try Self.record("suse-su-2024_9002-1.json")
        #expect(record.id == "SUSE-SU-2024:9002-1" && record.aliases == ["CVE-2024-90010"])
        let module = "SUSE:Linux Enterprise Module for Basesystem 15 SP5"
        #expect(Self.ranges(record, module, "libopenssl3") == [[.introduced("0"), .fixed("3.0.8-150500.5.20.1")]])
        #expect(Self.ranges(record, module, "openssl-3") == [[.introduced("0"), .fixed("3.0.8-150500.5.20.1")]])
        #expect(Self.ranges(record, "SUSE:Linux Enterprise Module for Basesystem 15 SP4", "libopenssl3") == [[.introduced("0"), .fixed("3.0.1-150400.4.40.1")]])
        #expect(Self.ranges(record, "openSUSE:Leap 15.5", "libopenssl3") == [[.introduced("0"), .fixed("3.0.8-150500.5.20.1")]])
    }

    @Test(arguments: [
        ("pkg:rpm/redhat/openssl-libs@3.0.7-27.el9?arch=x86_64&epoch=1", CSAFImport.Package(name: "openssl-libs", evr: "1:3.0.7-27.el9", arch: "x86_64")),
        ("pkg:rpm/redhat/zlib@1.2.11-40.el9?arch=x86_64&epoch=0", CSAFImport.Package(name: "zlib", evr: "1.2.11-40.el9", arch: "x86_64")),
        ("pkg:rpm/redhat/nodejs@18.20.2-1.module%2Bel9.4.0%2B21500%2Baaaa1111?arch=x86_64&epoch=1&rpmmod=nodejs:18:9040020240301000000:rhel9",
         CSAFImport.Package(name: "nodejs", evr: "1:18.20.2-1.module+el9.4.0+21500+aaaa1111", arch: "x86_64", module: "nodejs:18")),
        ("pkg:rpm/redhat/curl?arch=src", CSAFImport.Package(name: "curl", arch: "src")),
        ("pkg:rpm/suse/libxml2-2@2.10.3-150500.5.17.1?arch=x86_64&distro=sles-15-sp5", CSAFImport.Package(name: "libxml2-2", evr: "2.10.3-150500.5.17.1", arch: "x86_64")),
    ])
    func purlsNameRpms(purl: String, package: CSAFImport.Package) {
        #expect(CSAFImport.package(purl: purl) == package)
    }

    @Test func otherPurlTypesAreNotRpms() {
        #expect(CSAFImport.package(purl: "pkg:oci/httpd-24?repository_url=registry.example.test/rhel9/httpd-24") == nil)
        #expect(CSAFImport.package(purl: "pkg:rpmmod/redhat/nodejs@18:9040020240301000000:rhel9") == nil)
    }

    @Test(arguments: [
        ("zlib-0:1.2.11-40.el9.x86_64", CSAFImport.Package(name: "zlib", evr: "1.2.11-40.el9", arch: "x86_64")),
        ("podman-3:4.4.1-19.el9.aarch64", CSAFImport.Package(name: "podman", evr: "3:4.4.1-19.el9", arch: "aarch64")),
        ("libopenssl1_1-1.1.1l-150500.17.25.1.x86_64", CSAFImport.Package(name: "libopenssl1_1", evr: "1.1.1l-150500.17.25.1", arch: "x86_64")),
        ("python3-uamqp-1.5.3-150100.4.13.1.noarch", CSAFImport.Package(name: "python3-uamqp", evr: "1.5.3-150100.4.13.1", arch: "noarch")),
        ("libopenssl-1_1-devel", CSAFImport.Package(name: "libopenssl-1_1-devel")),
        ("curl", CSAFImport.Package(name: "curl")),
        ("nodejs:18/nodejs", CSAFImport.Package(name: "nodejs", module: "nodejs:18")),
    ])
    func productNamesAreNEVRAsOrBareNames(text: String, package: CSAFImport.Package) {
        #expect(CSAFImport.package(nevra: text) == package)
    }

    @Test func modulesAndContainersAreNotPackages() {
        #expect(CSAFImport.package(nevra: "postgresql:15:9020020230619032405:rhel9") == nil)
        #expect(CSAFImport.package(nevra: "rhel9/httpd-24") == nil)
        #expect(CSAFImport.package(nevra: "nodejs:18/nodejs/x") == nil)
        #expect(CSAFImport.package(nevra: "mailx-12.5.x86_64") == nil)
    }

    @Test(arguments: [
        ("rhel-9-for-x86_64-baseos-rpms", "Red Hat:enterprise_linux:9::baseos"),
        ("rhel-9-for-aarch64-appstream-rpms", "Red Hat:enterprise_linux:9::appstream"),
        ("rhel-8-for-x86_64-appstream-rpms", "Red Hat:enterprise_linux:8::appstream"),
        ("codeready-builder-for-rhel-9-x86_64-rpms", "Red Hat:enterprise_linux:9::crb"),
        ("rhel-9-for-x86_64-appstream-eus-rpms__9_DOT_2", "Red Hat:rhel_eus:9.2::appstream"),
        ("rhel-9-for-x86_64-baseos-eus-rpms", "Red Hat:rhel_eus:9.4::baseos"),
        ("rhel-8-for-x86_64-baseos-aus-rpms__8_DOT_4", "Red Hat:rhel_aus:8.4::baseos"),
        ("rhel-7-server-rpms", "Red Hat:enterprise_linux:7::server"),
        ("rhel-10-for-x86_64-baseos-rpms", "Red Hat:enterprise_linux:10.4"),
    ])
    func contentSetsNameStreams(contentSet: String, ecosystem: String) {
        #expect(RedHatStreams.stream(contentSet: contentSet, minor: 4) == ecosystem)
    }

    @Test func otherContentSetsNameNoStream() {
        for set in ["rhel-9-for-x86_64-baseos-debug-rpms", "rhel-9-for-x86_64-appstream-source-rpms", "ansible-automation-platform-2.4-for-rhel-9-x86_64-rpms",
                    "rhocp-4.14-for-rhel-9-x86_64-rpms", "rhel-9-for-x86_64-baseos-eus-rpms"] {
            #expect(RedHatStreams.stream(contentSet: set, minor: set.hasSuffix("eus-rpms") ? nil : 4) == nil, "\(set)")
        }
    }

    @Test func contentManifestsAreReadFromLayers() {
        #expect(ImageFiles.wants("root/buildinfo/content_manifests/ubi9-container-9.4-1.json"))
        #expect(!ImageFiles.wants("root/buildinfo/content_manifests/nested/a.json"))
        #expect(!ImageFiles.wants("root/buildinfo/Dockerfile-ubi9-9.4-1"))
        #expect(ImageFiles.sizeLimit(for: "root/buildinfo/content_manifests/a.json") == 16 << 20)
    }

    @Test func rhelStreamsFromContentSetsOrTheReleaseDefault() {
        #expect(RedHatStreams.ecosystems(version: "9.4", contentSets: ["rhel-9-for-x86_64-baseos-rpms", "rhel-9-for-x86_64-baseos-debug-rpms"])
            == ["Red Hat:enterprise_linux:9::baseos", "Red Hat:enterprise_linux:9"])
        #expect(RedHatStreams.ecosystems(version: "8.10", contentSets: [])
            == ["Red Hat:enterprise_linux:8::baseos", "Red Hat:enterprise_linux:8::appstream", "Red Hat:enterprise_linux:8"])
        #expect(RedHatStreams.ecosystems(version: "10.1", contentSets: []) == ["Red Hat:enterprise_linux:10.0", "Red Hat:enterprise_linux:10.1"])
        #expect(RedHatStreams.ecosystems(version: "6.10", contentSets: []) == ["Red Hat:enterprise_linux:6"])
        #expect(RedHatStreams.ecosystems(version: "", contentSets: []).isEmpty)
    }

    @Test func suseProductsAndServicePacks() {
        #expect(SUSEProducts.servicePack("15.5") == "15 SP5" && SUSEProducts.servicePack("15") == "15" && SUSEProducts.servicePack("15.0") == "15")
        #expect(SUSEProducts.applies("SUSE:Linux Enterprise Module for Basesystem 15 SP5", toServicePack: "15 SP5"))
        #expect(SUSEProducts.applies("SUSE:Linux Enterprise Server 15 SP5-LTSS", toServicePack: "15 SP5"))
        #expect(!SUSEProducts.applies("SUSE:Linux Enterprise Module for Basesystem 15 SP4", toServicePack: "15 SP5"))
        #expect(!SUSEProducts.applies("SUSE:Linux Enterprise Server 15 SP5", toServicePack: "15"))
        #expect(!SUSEProducts.applies("SUSE:Linux Enterprise Micro 5.5", toServicePack: "15 SP5"))
        #expect(SUSEProducts.openSUSEEcosystem(OperatingSystem(family: .opensuse, version: "15.5", prettyName: "openSUSE Leap 15.5")) == "openSUSE:Leap 15.5")
        #expect(SUSEProducts.openSUSEEcosystem(OperatingSystem(family: .opensuse, version: "20240801")) == "openSUSE:Tumbleweed")
    }

    @Test(arguments: [
        ("1.9.5p2-9.el9", "1.9.5p2-10.el9_3", -1),
        ("3.0.7-27.el9", "3.0.7-27.el9_2", -1),
        ("3.0.7-27.el9_2", "3.0.7-28.el9", -1),
        ("0:1.2.11-40.el9", "1.2.11-40.el9", 0),
        ("1:3.0.7-24.el9", "3.0.9-1.el9", 1),
        ("1:18.19.0-1.module+el9.4.0+21000+abcdef12", "1:18.20.2-1.module+el9.4.0+21500+aaaa1111", -1),
        ("2.10.3-150500.5.5.1", "2.10.3-150500.5.17.1", -1),
    ])
    func rpmOrderingOfDistributionReleases(a: String, b: String, order: Int) {
        #expect(RpmVersion(a).compare(to: RpmVersion(b)) == order)
        #expect(RpmVersion(b).compare(to: RpmVersion(a)) == -order)
    }

    /// A root filesystem folder with an os-release, the rpm database fixture and optional content manifests.
    static func rootfs(osRelease: String, database: String, at path: String, manifests: [String: String] = [:]) throws -> String {
        let root = try scratchFolder()
        let manager = FileManager.default
        for folder in ["etc", (path as NSString).deletingLastPathComponent, "root/buildinfo/content_manifests"] {
            try manager.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        try write(Array(osRelease.utf8), to: root + "/etc/os-release")
        try manager.copyItem(atPath: try dataPath("distro/\(database)"), toPath: root + "/" + path)
        for (name, text) in manifests { try write(Array(text.utf8), to: root + "/root/buildinfo/content_manifests/" + name) }
        return root
    }

    static let rhel9 = """
        NAME="Red Hat Enterprise Linux"
        VERSION="9.4 (Plow)"
        ID="rhel"
        VERSION_ID="9.4"
        PRETTY_NAME="Red Hat Enterprise Linux 9.4 (Plow)"
        """
    static let sles15 = """
        NAME="SLES"
        VERSION="15-SP5"
        VERSION_ID="15.5"
        PRETTY_NAME="SUSE Linux Enterprise Server 15 SP5"
        ID="sles"
        """

    static func summary(_ matches: [VulnerabilityMatch]) -> [String] {
        matches.map { "\($0.vulnerabilityID) \($0.package.name) \($0.installedVersion) -> \($0.fixedVersion ?? "unfixed") \($0.severity.rawValue)" }
    }

    @Test func rhel9RootfsMatchesBinariesModulesAndUnfixedComponents() throws {
        let manifest = #"{"metadata": {"icm_version": 1}, "content_sets": ["rhel-9-for-x86_64-baseos-rpms", "rhel-9-for-x86_64-appstream-rpms"]}"#
        let root = try Self.rootfs(osRelease: Self.rhel9, database: "rhel9/rpmdb.sqlite", at: "var/lib/rpm/rpmdb.sqlite",
                                   manifests: ["ubi9-container-9.4-1.json": manifest, "broken.json": "{"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let inventory = try ImageLoader.inventory(ofRoot: root)
        let os = try #require(inventory.os)
        #expect(os.family == .rhel && os.contentSets == ["rhel-9-for-x86_64-appstream-rpms", "rhel-9-for-x86_64-baseos-rpms"])
        #expect(inventory.packages.first { $0.name == "nodejs" }?.module == "nodejs:18")
        try Self.withDatabase { database in
            let matches = try VulnerabilityMatcher.match(packages: inventory.packages, os: os, database: database)
            // zlib sits at the fix (0:1.2.11-40.el9 = 1.2.11-40.el9), bash is not affected, the nodejs:20 fix is another
            // stream's, the EUS fix another stream's, and the VEX restating CVE-2024-90001 adds nothing to the advisory.
            #expect(Self.summary(matches) == [
                "CVE-2024-90003 libcurl 7.76.1-29.el9_4 -> unfixed low",
                "RHSA-2024:9001 nodejs 1:18.19.0-1.module+el9.4.0+21000+abcdef12 -> 1:18.20.2-1.module+el9.4.0+21500+aaaa1111 medium",
                "RHSA-2024:9001 openssl-libs 1:3.0.7-24.el9 -> 1:3.0.7-27.el9 high",
                "RHSA-2024:9001 sudo 1.9.5p2-9.el9 -> 1.9.5p2-10.el9_3 medium",
            ])
            #expect(matches.first { $0.package.name == "openssl-libs" }?.score == 7.5)
            #expect(matches.map(\.cve) == ["CVE-2024-90003", "CVE-2024-90002", "CVE-2024-90001", "CVE-2024-90002"])
        }
    }

    @Test func sles15RootfsMatchesModuleAdvisoriesAndUnfixedBinaries() throws {
        let root = try Self.rootfs(osRelease: Self.sles15, database: "sles15/Packages.db", at: "usr/lib/sysimage/rpm/Packages.db")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let inventory = try ImageLoader.inventory(ofRoot: root)
        let os = try #require(inventory.os)
        #expect(inventory.packages.map(\.sourceName).sorted() == ["libxml2", "openssl-3", "zlib"])
        try Self.withDatabase { database in
            #expect(try VulnerabilityMatcher.ecosystems(for: os, in: database)
                == ["SUSE:Linux Enterprise Module for Basesystem 15 SP5", "SUSE:Linux Enterprise Server 15 SP5"])
            let matches = try VulnerabilityMatcher.match(packages: inventory.packages, os: os, database: database)
            #expect(Self.summary(matches) == [
                "SUSE-SU-2024:9002-1 libopenssl3 3.0.8-150500.5.14.1 -> 3.0.8-150500.5.20.1 medium",
                "CVE-2024-90011 libxml2-2 2.10.3-150500.5.5.1 -> unfixed high",
            ])
        }
    }

    @Test(arguments: [
        OperatingSystem(family: .centos, version: "9", prettyName: "CentOS Stream 9"),
        OperatingSystem(family: .fedora, version: "40"),
        OperatingSystem(family: .bottlerocket, version: "1.19.0"),
    ])
    func osWithoutAnyDataSourceIsSaidSo(os: OperatingSystem) throws {
        let problem = try #require(VulnerabilityMatcher.uncovered(os))
        #expect(problem.description.hasPrefix("no vulnerability data source covers \(os): "))
        try Self.withDatabase { database in
            #expect(throws: VulnerabilityMatcher.NoAdvisoryData.self) { _ = try VulnerabilityMatcher.match(packages: [], os: os, database: database) }
        }
    }

    @Test func databaseWithoutTheOSsAdvisoriesIsSaidSo() throws {
        try Self.withDatabase { database in
            #expect(VulnerabilityMatcher.uncovered(OperatingSystem(family: .rhel, version: "8.9")) == nil)
            let error = #expect(throws: VulnerabilityMatcher.NoAdvisoryData.self) {
                _ = try VulnerabilityMatcher.match(packages: [], os: OperatingSystem(family: .debian, version: "12"), database: database)
            }
            #expect(error?.description.contains("holds no advisories for debian 12 (looked for Debian:12)") == true)
            let sles = #expect(throws: VulnerabilityMatcher.NoAdvisoryData.self) {
                _ = try VulnerabilityMatcher.match(packages: [], os: OperatingSystem(family: .sles, version: "15.6"), database: database)
            }
            #expect(sles?.description.contains("SUSE:Linux Enterprise Server 15 SP6") == true)
        }
    }

    @Test func brokenCSAFDocumentsAreSkippedWithTheirReason() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(Array(#"{"document": {"csaf_version": "2.0", "tracking": {"id": "X-1"}}"#.utf8), to: folder + "/truncated.json")
        try write(Array(#"{"document": {"csaf_version": "1.2", "tracking": {"id": "X-2"}}}"#.utf8), to: folder + "/old.json")
        try write(Array(#"{"document": {"csaf_version": "2.0", "tracking": {"id": "X-3"}}, "product_tree": {"full_product_names": [{"product_id": "P", "name": "Widget 1.0"}]}, "vulnerabilities": [{"cve": "CVE-2024-1", "product_status": {"known_affected": ["P"]}}]}"#.utf8),
                  to: folder + "/widget.json")
        let database = try VulnerabilityDatabase(path: folder + "/db.sqlite", create: true)
        let outcome = try DatabaseImporter(database: database).importSource(folder)
        #expect(outcome.records == 0)
        #expect(outcome.skipped.count == 3)
        #expect(outcome.skipped.contains { $0.contains("old.json") && $0.contains("CSAF version 1.2 is not 2.x") })
        #expect(outcome.skipped.contains { $0.contains("truncated.json") && $0.contains("not a CSAF 2.0 document") })
        #expect(outcome.skipped.contains { $0.contains("widget.json: CSAF document X-3 names no rpm of a Red Hat or SUSE platform") })
    }

    @Test func schemaVersion1DatabasesGainPackageAliasesOnImport() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/old.sqlite"
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            try db.execute(sql: """
                CREATE TABLE source(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, imported_at TEXT NOT NULL, records INTEGER NOT NULL);
                CREATE TABLE vuln(id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL UNIQUE, source_id INTEGER NOT NULL, modified TEXT, published TEXT,
                                  summary TEXT, aliases TEXT NOT NULL, severity TEXT NOT NULL, score REAL, vector TEXT);
                CREATE TABLE affected(ecosystem TEXT NOT NULL, package TEXT NOT NULL, vuln_id INTEGER NOT NULL, ranges TEXT NOT NULL,
                                      versions TEXT, severity TEXT);
                PRAGMA user_version = 1;
                """)
        }
        try old.close()
        let stale = #expect(throws: VulnerabilityDatabase.DatabaseFileError.self) { _ = try VulnerabilityDatabase(path: path, create: false) }
        #expect(stale?.description.contains("schema version 1, expected 2") == true)
        let database = try VulnerabilityDatabase(path: path, create: true)
        _ = try DatabaseImporter(database: database).importSource(try Self.dataPath("csaf/rhsa-2024_9001.json"))
        let sudo = try database.affected(ecosystems: ["Red Hat:enterprise_linux:9::baseos"], packages: ["sudo"])
        #expect(sudo.map(\.aliases) == [["CVE-2024-90002"]])
    }

    @Test func importKindSaysWhichFormatsASourceHeld() throws {
        try Self.withDatabase { database in
            let kinds = try database.summary().sources.map(\.kind)
            #expect(kinds == ["csaf-folder"])
        }
    }
}
