/// User and group names of the node, from its own `/etc/passwd` and `/etc/group` (not the
/// scanner's), so `root:root` means what it means on the host.
package struct Accounts: Sendable {
    package var users: [UInt32: String]
    package var groups: [UInt32: String]

    package init(users: [UInt32: String] = [:], groups: [UInt32: String] = [:]) {
        self.users = users
        self.groups = groups
    }

    package init(reading files: some NodeFileSystem) {
        self.init(users: Self.names(files.text("/etc/passwd")), groups: Self.names(files.text("/etc/group")))
    }

    /// `name:x:id:...` lines; the first entry for an ID wins, as in getpwuid.
    private static func names(_ text: Result<String, NodeFileError>) -> [UInt32: String] {
        guard case .success(let text) = text else { return [:] }
        var names: [UInt32: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 3, let id = UInt32(fields[2]), names[id] == nil else { continue }
            names[id] = String(fields[0])
        }
        return names
    }

    /// `root:root` as `stat -c %U:%G` prints it: the name, or the number when the node has no name
    /// for it. UID and GID 0 are `root` on every Linux, so they are named even without the files.
    package func owner(of status: FileStatus) -> String {
        let user = users[status.uid] ?? (status.uid == 0 ? "root" : String(status.uid))
        let group = groups[status.gid] ?? (status.gid == 0 ? "root" : String(status.gid))
        return "\(user):\(group)"
    }
}
