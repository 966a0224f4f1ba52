/// Finds the running kubelet under the root's `/proc` (the host's, with `hostPID: true` or a
/// mounted host `/proc`) and reads its command line.
package enum KubeletProcess {
    package struct Found: Sendable, Equatable {
        package var pid: Int
        package var arguments: [String]
    }

    package static func find(_ files: some NodeFileSystem) -> Found? {
        guard case .success(let names) = files.list("/proc") else { return nil }
        let pids = names.compactMap(Int.init).sorted()
        for pid in pids {
            guard case .success(let bytes) = files.read("/proc/\(pid)/cmdline", limit: 256 << 10), !bytes.isEmpty else { continue }
            let words = arguments(bytes)
            if words.first?.split(separator: "/").last == "kubelet" {
                return Found(pid: pid, arguments: Array(words.dropFirst()))
            }
        }
        return nil
    }

    /// The NUL-separated arguments of a `cmdline`. A copy written by hand (no NUL at all) is split
    /// on whitespace instead, so `kubelet --config /x` in a test root means what it says.
    static func arguments(_ bytes: [UInt8]) -> [String] {
        guard bytes.contains(0) else {
            return String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0.isWhitespace }).map(String.init)
        }
        var arguments = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        // The command line ends with a NUL; empty arguments before it are real (`--node-labels ""`).
        if arguments.last == "" { arguments.removeLast() }
        return arguments
    }
}
