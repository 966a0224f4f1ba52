import Foundation
@testable import NodeBenchmark
import Testing

/// Reading the node: flags, systemd units, configuration documents and the host root, each
/// with hostile input.
@Suite struct CollectionTests {
    @Test func flagsParseLikePflag() {
        let flags = KubeletFlags(arguments: [
            "--config", "/etc/c.json", "--anonymous-auth", "--read-only-port=0", "-v=2", "--node-labels", "",
            "--make-iptables-util-chains", "false", "--read-only-port", "10255", "--feature-gates=A=true, B = false",
        ], source: ValueSource(file: "/proc/1/cmdline"))
        #expect(flags["config"]?.value == "/etc/c.json")
        // A boolean flag never takes the next word: "false" here is a stray argument, as in pflag.
        #expect(flags["anonymous-auth"]?.value == "true")
        #expect(flags["make-iptables-util-chains"]?.value == "true")
        #expect(flags["node-labels"]?.value == "")
        // The last occurrence wins.
        #expect(flags["read-only-port"]?.value == "10255")
        #expect(flags.featureGates["A"]?.value == "true" && flags.featureGates["B"]?.value == "false")
    }

    @Test func cmdlineArguments() {
        #expect(KubeletProcess.arguments(Array("/usr/bin/kubelet\u{0}--node-labels\u{0}\u{0}--v=2\u{0}".utf8))
            == ["/usr/bin/kubelet", "--node-labels", "", "--v=2"])
        #expect(KubeletProcess.arguments(Array("kubelet --config /c.json\n".utf8)) == ["kubelet", "--config", "/c.json"])
    }

    @Test func systemdWordsAndContinuations() {
        #expect(SystemdUnit.words(#"a "b c" 'd e' f\ g"#) == ["a", "b c", "d e", "f g"])
        #expect(SystemdUnit.logicalLines("# c\nA=1 \\\n  2\n\n;x\nB=3") == ["A=1  2", "B=3"])
    }

    @Test func systemdUnitExpandsEnvironmentAndResetsExecStart() throws {
        let root = try TemporaryRoot()
        try root.write("/usr/lib/systemd/system/kubelet.service", "[Service]\nExecStart=/usr/bin/kubelet --old\n")
        try root.write("/etc/systemd/system/kubelet.service.d/10-a.conf", """
            [Service]
            Environment='KUBELET_ARGS=--read-only-port=0 --node-ip=10.0.0.1' "X=1"
            EnvironmentFile=-/etc/eks/kubelet/environment
            ExecStart=
            ExecStart=-/usr/bin/kubelet --config ${CONFIG} $KUBELET_ARGS $MISSING
            """)
        try root.write("/etc/eks/kubelet/environment", "CONFIG=/etc/kubernetes/kubelet/config.json\n")
        let unit = try #require(SystemdUnit.load("kubelet.service", from: root.host))
        #expect(unit.commandLine == ["/usr/bin/kubelet", "--config", "/etc/kubernetes/kubelet/config.json", "--read-only-port=0", "--node-ip=10.0.0.1"])
    }

    @Test func symlinksResolveInsideTheRoot() throws {
        let root = try TemporaryRoot()
        try root.write("/etc/kubernetes/real.json", #"{"readOnlyPort": 0}"#)
        try FileManager.default.createDirectory(atPath: root.path + "/etc/kubernetes/kubelet", withIntermediateDirectories: true)
        // An absolute link means the node's /etc, not the scanner's.
        try FileManager.default.createSymbolicLink(atPath: root.path + "/etc/kubernetes/kubelet/config", withDestinationPath: "/etc/kubernetes/real.json")
        try FileManager.default.createSymbolicLink(atPath: root.path + "/escape", withDestinationPath: "../../../../../../etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: root.path + "/loop", withDestinationPath: "/loop")
        #expect(try root.host.text("/etc/kubernetes/kubelet/config").get() == #"{"readOnlyPort": 0}"#)
        #expect(root.host.read("/escape", limit: 1 << 20) == .failure(.notFound))
        guard case .failure(.unreadable(let reason)) = root.host.read("/loop", limit: 1 << 20) else { Issue.record("loop"); return }
        #expect(reason.contains("symbolic links"))
    }

    @Test func largeAndBinaryFilesAreRefused() throws {
        let root = try TemporaryRoot()
        try root.write("/big", String(repeating: "a", count: 2 << 20))
        try root.write("/bin", "a\u{0}b")
        guard case .failure(.unreadable) = root.host.text("/big") else { Issue.record("big"); return }
        guard case .failure(.unreadable) = root.host.text("/bin") else { Issue.record("binary"); return }
    }

    @Test(arguments: [
        ("", "empty"),
        ("[1, 2]", "not a mapping"),
        ("{a: [", "not valid"),
        (String(repeating: "[", count: 100) + String(repeating: "]", count: 100), "nested"),
        ("a: &x [1,1,1,1,1,1,1,1,1,1]\nb: &y [*x,*x,*x,*x,*x,*x,*x,*x,*x,*x]\nc: &z [*y,*y,*y,*y,*y,*y,*y,*y,*y,*y]\nd: &w [*z,*z,*z,*z,*z,*z,*z,*z,*z,*z]\ne: [*w,*w,*w,*w,*w,*w,*w,*w,*w,*w,*w]", "values"),
    ])
    func hostileConfigurationIsAnError(_ text: String, _ reason: String) {
        #expect(throws: ConfigDocument.ParseError.self) { try ConfigDocument.parse(text, file: "/c") }
        do {
            _ = try ConfigDocument.parse(text, file: "/c")
        } catch {
            #expect(error.message.contains(reason), "\(error.message)")
        }
    }

    @Test func yamlAndJSONGiveTheSameValues() throws {
        let json = try ConfigDocument.parse(#"{"authentication": {"anonymous": {"enabled": false}}, "readOnlyPort": 0}"#, file: "/a")
        let yaml = try ConfigDocument.parse("authentication:\n  anonymous:\n    enabled: false\nreadOnlyPort: 0\n", file: "/b")
        for path in [["authentication", "anonymous", "enabled"], ["readOnlyPort"]] {
            #expect(json.value(at: path)?.text == yaml.value(at: path)?.text)
        }
        #expect(yaml.value(at: ["readOnlyPort"])?.source == ValueSource(file: "/b", line: 4))
    }

    @Test func mergeReplacesListsAndMergesObjects() throws {
        let base = try ConfigDocument.parse(#"{"a": {"x": 1, "y": 2}, "l": [1, 2], "s": "keep"}"#, file: "/base")
        let drop = try ConfigDocument.parse(#"{"a": {"y": 3}, "l": [9]}"#, file: "/drop")
        let merged = base.merging(drop)
        #expect(merged.value(at: ["a", "x"])?.text == "1" && merged.value(at: ["a", "y"])?.text == "3")
        #expect(merged.value(at: ["l"])?.text == "9" && merged.value(at: ["s"])?.text == "keep")
        #expect(merged.value(at: ["a", "y"])?.source.file == "/drop")
    }

    @Test func nodeadmDropInsAreReadOnAL2023AndConfigDirWins() throws {
        let root = try TemporaryRoot()
        try root.write("/etc/os-release", "ID=amzn\nVERSION_ID=2023\n")
        try root.write("/etc/kubernetes/kubelet/config.json", #"{"readOnlyPort": 0}"#)
        try root.write("/etc/kubernetes/kubelet/config.json.d/10-x.conf", #"{"readOnlyPort": 10255}"#)
        try root.write("/etc/kubelet.d/20-y.conf", #"{"readOnlyPort": 1}"#)
        try root.write("/proc/7/cmdline", "/usr/bin/kubelet\u{0}--config\u{0}/etc/kubernetes/kubelet/config.json\u{0}")
        var facts = NodeCollector(files: root.host).collect()
        #expect(facts.configFiles.map(\.path) == ["/etc/kubernetes/kubelet/config.json", "/etc/kubernetes/kubelet/config.json.d/10-x.conf"])
        guard case .found(let port, _) = facts.lookup(.readOnlyPort) else { Issue.record("unset"); return }
        #expect(port == "10255")
        try root.write("/proc/7/cmdline", "/usr/bin/kubelet\u{0}--config\u{0}/etc/kubernetes/kubelet/config.json\u{0}--config-dir=/etc/kubelet.d\u{0}")
        facts = NodeCollector(files: root.host).collect()
        #expect(facts.configFiles.map(\.path) == ["/etc/kubernetes/kubelet/config.json", "/etc/kubelet.d/20-y.conf"])
    }

    @Test func withoutACommandLineTheFileDecidesAndTheReportSaysSo() throws {
        let root = try TemporaryRoot()
        try root.write("/etc/os-release", "ID=bottlerocket\nVARIANT_ID=aws-k8s-1.33\n")
        try root.write("/etc/kubernetes/kubelet/config", "readOnlyPort: 10255\nauthentication: {anonymous: {enabled: false}}\n")
        let outcome = try NodeScan(collector: NodeCollector(files: root.host), benchmark: nil, kubeletVersion: nil).run()
        #expect(outcome.benchmark.version == "eks-1.8.0")
        let states = Dictionary(uniqueKeysWithValues: outcome.results.map { ($0.item.id, $0) })
        #expect(states["3.2.1"]?.state == .pass && states["3.2.4"]?.state == .fail)
        #expect(states["3.2.4"]?.message.contains("flags, which override the file, assumed absent") == true)
        #expect(outcome.settings.contains { $0 == ("kubelet-command-line", "not found (flags assumed absent)") })
    }

    @Test func osReleaseNamesTheFamily() {
        let fields = NodeOS.parse("ID=\"amzn\"\nVERSION_ID='2023'\n# c\nPRETTY_NAME=\"Amazon Linux 2023\"\n")
        #expect(fields["ID"] == "amzn" && fields["VERSION_ID"] == "2023")
        let bottlerocket = NodeOS(family: .bottlerocket, description: "", fields: ["VARIANT_ID": "aws-k8s-1.31-nvidia"])
        #expect(bottlerocket.variantKubernetesMinor == 31)
    }
}

/// A scratch host root for tests that need real symlinks or special files.
final class TemporaryRoot {
    let path: String
    var host: HostRoot { HostRoot(root: path) }

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("eksguard-node-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ hostPath: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path + hostPath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
