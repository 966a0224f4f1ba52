/// The host filesystem a node scan reads, seen from its root. Paths are absolute host paths
/// (`/etc/kubernetes/kubelet/config.json`); the implementation decides where they really are.
///
/// Reading goes through this protocol, not Foundation, so tests can supply file modes and owners
/// that a git checkout cannot carry (see `docs/node-benchmark.md`, "Fixtures").
package protocol NodeFileSystem: Sendable {
    /// The file's bytes, refusing anything larger than `limit`.
    func read(_ path: String, limit: Int) -> Result<[UInt8], NodeFileError>
    /// Mode, owner and type of the file, following symlinks inside the root.
    func status(_ path: String) -> Result<FileStatus, NodeFileError>
    /// Names in a folder, unsorted.
    func list(_ path: String) -> Result<[String], NodeFileError>
}

/// What `stat` says about a file, in the terms the benchmark uses.
package struct FileStatus: Sendable, Equatable {
    package enum Kind: Sendable, Equatable { case regular, directory, other }

    /// Permission bits only (`0o644`), without the file type.
    package var mode: UInt32
    package var uid: UInt32
    package var gid: UInt32
    package var kind: Kind

    package init(mode: UInt32, uid: UInt32, gid: UInt32, kind: Kind) {
        self.mode = mode & 0o7777
        self.uid = uid
        self.gid = gid
        self.kind = kind
    }

    /// `644`, as `stat -c %a` prints it.
    package var octalMode: String { String(mode, radix: 8) }
}

package enum NodeFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound
    case unreadable(String)

    package var description: String {
        switch self {
        case .notFound: "does not exist"
        case .unreadable(let reason): reason
        }
    }
}

extension NodeFileSystem {
    /// The file as UTF-8 text, with the limit every node file shares.
    package func text(_ path: String, limit: Int = 1 << 20) -> Result<String, NodeFileError> {
        read(path, limit: limit).flatMap { bytes in
            if bytes.contains(0) { return .failure(.unreadable("binary data (contains NUL bytes)")) }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return .failure(.unreadable("not UTF-8 text"))
            }
            return .success(text)
        }
    }

    package func exists(_ path: String) -> Bool {
        if case .success = status(path) { return true }
        return false
    }
}
