import ImageScan
import Testing

struct VersionEdgeTests {
    @Test(arguments: ["", " ", ":1.0", "a:1.0", "1:", "1.0-", "99999999999:1", "1 0"])
    func dpkgRefusesWhatDpkgRefuses(version: String) {
        #expect(throws: VersionError.self) { try DpkgVersion(version) }
    }

    @Test func dpkgDigitRunsLongerThanSixtyFourBitsDoNotOverflow() throws {
        let long = String(repeating: "9", count: 5000)
        #expect(try VersionScheme.dpkg.compare("1." + long, "1." + long + "0") < 0)
        #expect(try VersionScheme.rpm.compare("1." + long, "1." + long) == 0)
        // apk-tools reads numbers into 64 bits and lets them wrap: these two wrap to the same value there.
        #expect(try VersionScheme.apk.compare("1." + long, "1.1" + long) == 0)
        #expect(try VersionScheme.apk.compare("1." + String(repeating: "1", count: 30), "1." + String(repeating: "2", count: 30)) > 0)
    }

    @Test func dpkgEmptyRevisionEqualsZero() throws {
        #expect(try VersionScheme.dpkg.compare("1.0", "1.0-0") == 0)
        #expect(try VersionScheme.dpkg.compare("0:1.0", "1.0") == 0)
    }

    @Test func rpmNonASCIIBytesAreSeparators() throws {
        #expect(try VersionScheme.rpm.compare("1.1.α", "1.1.β") == 0)
    }

    @Test(arguments: ["1.0", "1.2.3_rc1-r0", "1.0a_p2~cafe-r3", "2.4.0_alpha_pre1"])
    func apkValid(version: String) { #expect(ApkVersion.isValid(version)) }

    @Test(arguments: ["", "a1", "1.0bc", "1.0_foo", "1.0-1", "1..0", "1.0-r", "1.0_", "1.0~", "1.0-r1a"])
    func apkInvalid(version: String) { #expect(!ApkVersion.isValid(version)) }
}
