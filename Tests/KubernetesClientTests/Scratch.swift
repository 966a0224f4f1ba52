import Foundation

/// A private folder for one test's files, removed when the test drops it.
final class Scratch {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "eksguard-kube-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Writes a file (folders created) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String, executable: Bool = false) throws -> String {
        let path = folder + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
        return path
    }

    func path(_ name: String) -> String { folder + "/" + name }
}

/// A kubeconfig with one context, for tests that vary one setting.
func kubeconfig(
    context: String = "ctx", cluster: String = "c", user: String? = "u", server: String = "https://10.0.0.1:6443",
    clusterFields: String = "", userFields: String = "  token: abc", currentContext: String? = "ctx"
) -> String {
    var text = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: \(cluster)
          cluster:
            server: \(server)
        \(clusterFields.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        contexts:
        - name: \(context)
          context:
            cluster: \(cluster)

        """
    if let user {
        text += "    user: \(user)\nusers:\n- name: \(user)\n  user:\n" + userFields.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n"
    }
    if let currentContext { text += "current-context: \(currentContext)\n" }
    return text
}
