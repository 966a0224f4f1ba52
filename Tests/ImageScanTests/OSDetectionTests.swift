import ImageScan
import Testing

struct OSDetectionTests {
    struct Case: CustomStringConvertible, Sendable {
        var description: String
        var files: [String: String]
        var family: OperatingSystem.Family
        var version: String
        var release: String
        var distroless = false
    }

    static let cases: [Case] = [
        Case(description: "Debian point release from debian_version",
             files: ["etc/os-release": "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n",
                     "etc/debian_version": "12.5\n", "var/lib/dpkg/status": ""],
             family: .debian, version: "12.5", release: "12"),
        Case(description: "Debian testing without VERSION_ID",
             files: ["etc/os-release": "ID=debian\nVERSION_CODENAME=trixie\n", "etc/debian_version": "trixie/sid\n"],
             family: .debian, version: "13", release: "13"),
        Case(description: "Ubuntu wins over its debian_version",
             files: ["etc/os-release": "ID=ubuntu\nVERSION_ID=\"22.04\"\nID_LIKE=debian\n", "etc/debian_version": "bookworm/sid\n"],
             family: .ubuntu, version: "22.04", release: "22.04"),
        Case(description: "Ubuntu from lsb-release only",
             files: ["etc/lsb-release": "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=20.04\n"],
             family: .ubuntu, version: "20.04", release: "20.04"),
        Case(description: "Alpine patch level from alpine-release",
             files: ["etc/os-release": "ID=alpine\nVERSION_ID=3.19.1\n", "etc/alpine-release": "3.19.1\n"],
             family: .alpine, version: "3.19.1", release: "3.19"),
        Case(description: "Alpine without os-release",
             files: ["etc/alpine-release": "3.18.4\n"], family: .alpine, version: "3.18.4", release: "3.18"),
        Case(description: "Amazon Linux 2 os-release",
             files: ["etc/os-release": "NAME=\"Amazon Linux\"\nVERSION=\"2\"\nID=\"amzn\"\nVERSION_ID=\"2\"\n",
                     "etc/system-release": "Amazon Linux release 2 (Karoo)\n"],
             family: .amazon, version: "2", release: "2"),
        Case(description: "Amazon Linux 2023 system-release only",
             files: ["etc/system-release": "Amazon Linux release 2023.3.20240108 (Amazon Linux)\n"],
             family: .amazon, version: "2023.3.20240108", release: "2023"),
        Case(description: "Amazon Linux AMI 2018.03 is AL1",
             files: ["etc/system-release": "Amazon Linux AMI release 2018.03\n"], family: .amazon, version: "1", release: "1"),
        Case(description: "Rocky from os-release, not redhat-release",
             files: ["etc/os-release": "ID=\"rocky\"\nVERSION_ID=\"9.3\"\n", "etc/redhat-release": "Rocky Linux release 9.3 (Blue Onyx)\n"],
             family: .rocky, version: "9.3", release: "9"),
        Case(description: "AlmaLinux from redhat-release only",
             files: ["etc/redhat-release": "AlmaLinux release 8.9 (Midnight Oncilla)\n"],
             family: .almalinux, version: "8.9", release: "8"),
        Case(description: "RHEL UBI",
             files: ["usr/lib/os-release": "ID=\"rhel\"\nVERSION_ID=\"9.4\"\n"], family: .rhel, version: "9.4", release: "9"),
        Case(description: "Fedora",
             files: ["etc/os-release": "ID=fedora\nVERSION_ID=40\n"], family: .fedora, version: "40", release: "40"),
        Case(description: "Wolfi",
             files: ["etc/os-release": "ID=wolfi\nVERSION_ID=20230201\n"], family: .wolfi, version: "20230201", release: ""),
        Case(description: "Bottlerocket",
             files: ["etc/os-release": "ID=bottlerocket\nVERSION_ID=1.19.0\n"], family: .bottlerocket, version: "1.19.0", release: ""),
        Case(description: "distroless: Debian os-release with status.d only",
             files: ["etc/os-release": "ID=\"debian\"\nVERSION_ID=\"12\"\n", "var/lib/dpkg/status.d/libc6": "Package: libc6\n"],
             family: .debian, version: "12", release: "12", distroless: true),
    ]

    @Test(arguments: cases)
    func detects(_ example: Case) throws {
        var files = ImageFiles()
        for (path, text) in example.files { files.files[path] = .init(data: Array(text.utf8), layer: 0) }
        let os = try #require(OSDetector.detect(files))
        #expect(os.family == example.family)
        #expect(os.version == example.version)
        #expect(os.release == example.release)
        #expect(os.distroless == example.distroless)
    }

    @Test func unknownImageHasNoOS() {
        var files = ImageFiles()
        files.files["etc/os-release"] = .init(data: Array("ID=plan9\n".utf8), layer: 0)
        #expect(OSDetector.detect(files) == nil)
    }
}
