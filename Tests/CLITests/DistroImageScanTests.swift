import Foundation
import TestSupport
import Testing

/// `eksguard db import` of CSAF files, then `scan image --rootfs` of RHEL 9-like, SLES 15-like and Fedora
/// root filesystems, through the binary.
@Suite struct DistroImageScanTests {
    static let data = "Tests/ImageScanTests/Data/"

    /// A root filesystem with an os-release and, optionally, an rpm database fixture and a content manifest.
    static func rootfs(in folder: String, name: String, osRelease: String, database: (fixture: String, path: String)?, contentSets: [String] = []) throws -> String {
        let root = folder + "/" + name
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/etc", withIntermediateDirectories: true)
        try Data(osRelease.utf8).write(to: URL(fileURLWithPath: root + "/etc/os-release"))
        if let database {
            try manager.createDirectory(atPath: root + "/" + (database.path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try manager.copyItem(atPath: AuditCommandTests.root.path + "/" + data + database.fixture, toPath: root + "/" + database.path)
        }
        if !contentSets.isEmpty {
            try manager.createDirectory(atPath: root + "/root/buildinfo/content_manifests", withIntermediateDirectories: true)
            let manifest = try JSONSerialization.data(withJSONObject: ["content_sets": contentSets])
            try manifest.write(to: URL(fileURLWithPath: root + "/root/buildinfo/content_manifests/base.json"))
        }
        return root
    }

    /// EKS-IMG-005 results of a JSON report as (status, message).
    static func vulnerabilityResults(_ json: String) throws -> [(status: String, message: String)] {
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let results = try #require(report["results"] as? [[String: Any]])
        return results.filter { $0["checkID"] as? String == "EKS-IMG-005" }.map { ($0["status"] as? String ?? "", $0["message"] as? String ?? "") }
    }

    @Test func csafImportThenRedHatAndSUSERootfsScans() throws {
        let folder = NSTemporaryDirectory() + "eksguard-cli-csaf-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/db.sqlite"
        let imported = try AuditCommandTests.run(["db", "import", "--db", database, Self.data + "csaf"])
        #expect(imported.status == 0, "stderr: \(imported.stderr)")
        #expect(imported.stdout.contains("5 records imported, 0 withdrawn, 0 files skipped"))
        let info = try AuditCommandTests.run(["db", "info", "--db", database])
        #expect(info.stdout.contains("(csaf-folder): 5 records") && info.stdout.contains("Red Hat:enterprise_linux:9::baseos: "))

        let rhel = try Self.rootfs(in: folder, name: "rhel", osRelease: "ID=\"rhel\"\nVERSION_ID=\"9.4\"\nPRETTY_NAME=\"Red Hat Enterprise Linux 9.4 (Plow)\"\n",
                                   database: ("distro/rhel9/rpmdb.sqlite", "var/lib/rpm/rpmdb.sqlite"),
                                   contentSets: ["rhel-9-for-x86_64-baseos-rpms", "rhel-9-for-x86_64-appstream-rpms"])
        let rhelScan = try AuditCommandTests.run(["scan", "image", "--rootfs", rhel, "--db", database, "--format", "json", "--select", "EKS-IMG-005"])
        #expect(rhelScan.status == 1, "stderr: \(rhelScan.stderr)")
        let rhelResults = try Self.vulnerabilityResults(rhelScan.stdout).map(\.message).sorted()
        #expect(rhelResults == [
            "CVE-2024-90001 (RHSA-2024:9001) in openssl-libs 1:3.0.7-24.el9: fixed in 1:3.0.7-27.el9",
            "CVE-2024-90002 (RHSA-2024:9001) in nodejs 1:18.19.0-1.module+el9.4.0+21000+abcdef12: fixed in 1:18.20.2-1.module+el9.4.0+21500+aaaa1111",
            "CVE-2024-90002 (RHSA-2024:9001) in sudo 1.9.5p2-9.el9: fixed in 1.9.5p2-10.el9_3",
            "CVE-2024-90003 in libcurl 7.76.1-29.el9_4: no fix available",
        ])

        let sles = try Self.rootfs(in: folder, name: "sles", osRelease: "ID=\"sles\"\nVERSION_ID=\"15.5\"\nPRETTY_NAME=\"SUSE Linux Enterprise Server 15 SP5\"\n",
                                   database: ("distro/sles15/Packages.db", "usr/lib/sysimage/rpm/Packages.db"))
        let slesScan = try AuditCommandTests.run(["scan", "image", "--rootfs", sles, "--db", database, "--format", "json", "--select", "EKS-IMG-005", "--ignore-unfixed"])
        #expect(slesScan.status == 1, "stderr: \(slesScan.stderr)")
        #expect(try Self.vulnerabilityResults(slesScan.stdout).map(\.message)
            == ["CVE-2024-90010 (SUSE-SU-2024:9002-1) in libopenssl3 3.0.8-150500.5.14.1: fixed in 3.0.8-150500.5.20.1"])
    }

    @Test func osWithoutDataIsAnErrorResultNotACleanPass() throws {
        let folder = NSTemporaryDirectory() + "eksguard-cli-fedora-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fedora = try Self.rootfs(in: folder, name: "fedora", osRelease: "ID=fedora\nVERSION_ID=40\nPRETTY_NAME=\"Fedora Linux 40\"\n", database: nil)
        let scan = try AuditCommandTests.run(["scan", "image", "--rootfs", fedora, "--db", folder + "/none.sqlite", "--format", "json", "--select", "EKS-IMG-005"])
        #expect(scan.status == 3, "stderr: \(scan.stderr)")
        let results = try Self.vulnerabilityResults(scan.stdout)
        #expect(results.count == 1 && results.first?.status == "error")
        #expect(results.first?.message.hasPrefix("no vulnerability data source covers Fedora Linux 40: OSV has no Fedora ecosystem") == true)
    }
}
