import Foundation
@testable import NodeBenchmark

/// A fixture node root: the files in git, plus `fixture-stat.txt` for what git cannot carry.
///
/// Git stores only 644 or 755 and no owner, so a fixture says its special modes and owners in a
/// manifest (`path mode uid gid`) that this overlay applies to `status`; every other file keeps its
/// git mode and is owned by 0:0. Reading is the real ``HostRoot``, so symlink handling and limits
/// are exercised exactly as on a node.
struct FixtureRoot: NodeFileSystem {
    let host: HostRoot
    let overrides: [String: (mode: UInt32, uid: UInt32, gid: UInt32)]

    static let folder = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    init(_ name: String) throws {
        let root = Self.folder.appendingPathComponent(name).path
        host = HostRoot(root: root)
        var overrides: [String: (UInt32, UInt32, UInt32)] = [:]
        let manifest = try String(contentsOfFile: root + "/fixture-stat.txt", encoding: .utf8)
        for line in manifest.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: " ")
            guard fields.count == 4, let mode = UInt32(fields[1], radix: 8), let uid = UInt32(fields[2]), let gid = UInt32(fields[3]) else {
                throw FixtureError(message: "\(name)/fixture-stat.txt: bad line \(line)")
            }
            overrides[String(fields[0])] = (mode, uid, gid)
        }
        self.overrides = overrides
    }

    struct FixtureError: Error { var message: String }

    func read(_ path: String, limit: Int) -> Result<[UInt8], NodeFileError> { host.read(path, limit: limit) }
    func list(_ path: String) -> Result<[String], NodeFileError> { host.list(path) }

    func status(_ path: String) -> Result<FileStatus, NodeFileError> {
        host.status(path).map { real in
            let given = overrides[path]
            return FileStatus(mode: given?.mode ?? real.mode, uid: given?.uid ?? 0, gid: given?.gid ?? 0, kind: real.kind)
        }
    }
}
