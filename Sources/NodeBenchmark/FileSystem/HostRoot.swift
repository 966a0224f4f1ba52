import Foundation

/// A host filesystem mounted at a folder (`--root /host`), read as if that folder were `/`:
/// absolute symlinks and `..` resolve inside the root, never outside it, so a hostile node image
/// cannot point the scan at the scanner's own files.
package struct HostRoot: NodeFileSystem {
    package let root: String
    /// Symlinks followed while resolving one path (Linux allows 40).
    private static let maxLinks = 40

    package init(root: String) {
        self.root = root == "/" ? "" : (root.hasSuffix("/") ? String(root.dropLast()) : root)
    }

    package func read(_ path: String, limit: Int) -> Result<[UInt8], NodeFileError> {
        resolve(path).flatMap { real in
            var info = stat()
            guard stat(real, &info) == 0 else { return .failure(Self.errnoError()) }
            guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.unreadable("not a regular file")) }
            guard Int(info.st_size) <= limit else {
                return .failure(.unreadable("larger than the \(limit >> 10) KiB limit for node files"))
            }
            guard let handle = FileHandle(forReadingAtPath: real) else { return .failure(.unreadable("permission denied")) }
            defer { try? handle.close() }
            // /proc files report size 0: read to the limit instead of trusting st_size.
            var bytes: [UInt8] = []
            while let chunk = try? handle.read(upToCount: 65536), !chunk.isEmpty {
                bytes.append(contentsOf: chunk)
                if bytes.count > limit { return .failure(.unreadable("larger than the \(limit >> 10) KiB limit for node files")) }
            }
            return .success(bytes)
        }
    }

    package func status(_ path: String) -> Result<FileStatus, NodeFileError> {
        resolve(path).flatMap { real in
            var info = stat()
            guard stat(real, &info) == 0 else { return .failure(Self.errnoError()) }
            let kind: FileStatus.Kind = switch info.st_mode & S_IFMT {
            case S_IFREG: .regular
            case S_IFDIR: .directory
            default: .other
            }
            return .success(FileStatus(mode: UInt32(info.st_mode), uid: info.st_uid, gid: info.st_gid, kind: kind))
        }
    }

    package func list(_ path: String) -> Result<[String], NodeFileError> {
        resolve(path).flatMap { real in
            var info = stat()
            guard stat(real, &info) == 0 else { return .failure(Self.errnoError()) }
            guard (info.st_mode & S_IFMT) == S_IFDIR else { return .failure(.unreadable("not a folder")) }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: real) else {
                return .failure(.unreadable("cannot list this folder"))
            }
            return .success(names)
        }
    }

    /// The real path of a host path: each component is looked up with `lstat`, and symlinks are
    /// followed relative to the root (an absolute target starts again at the root).
    func resolve(_ path: String) -> Result<String, NodeFileError> {
        var pending = Array(path.split(separator: "/").map(String.init).reversed())
        var resolved: [String] = []
        var links = 0
        while let component = pending.popLast() {
            switch component {
            case "", ".": continue
            case "..": _ = resolved.popLast(); continue
            default: break
            }
            let candidate = root + "/" + (resolved + [component]).joined(separator: "/")
            var info = stat()
            guard lstat(candidate, &info) == 0 else {
                return errno == ENOENT || errno == ENOTDIR ? .failure(.notFound) : .failure(Self.errnoError())
            }
            guard (info.st_mode & S_IFMT) == S_IFLNK else {
                resolved.append(component)
                continue
            }
            links += 1
            guard links <= Self.maxLinks else { return .failure(.unreadable("too many levels of symbolic links")) }
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: candidate) else {
                return .failure(.unreadable("unreadable symbolic link"))
            }
            if target.hasPrefix("/") { resolved = [] }
            pending.append(contentsOf: target.split(separator: "/").map(String.init).reversed())
        }
        return .success(root + "/" + resolved.joined(separator: "/"))
    }

    private static func errnoError() -> NodeFileError {
        errno == ENOENT || errno == ENOTDIR ? .notFound : .unreadable(String(cString: strerror(errno)).lowercased())
    }
}
