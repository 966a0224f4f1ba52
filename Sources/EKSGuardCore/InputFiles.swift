import Foundation

/// Reading input files safely: regular files only, bounded size, no binary content, and folders
/// walked without following symlinked folders (so symlink loops cannot trap the walk).
/// Every scanning command reads its inputs through this.
package struct InputFiles: Sendable {
    /// Largest file read, in bytes.
    package var maxFileBytes: Int
    /// Which file names (last path component) a folder walk picks up; named files are always read.
    package var include: @Sendable (String) -> Bool

    package init(maxFileBytes: Int = 32 << 20, include: @escaping @Sendable (String) -> Bool) {
        self.maxFileBytes = maxFileBytes
        self.include = include
    }

    /// Files whose extension (case-insensitive) is one of these.
    package static func extensions(_ extensions: Set<String>) -> @Sendable (String) -> Bool {
        { name in extensions.contains((name as NSString).pathExtension.lowercased()) }
    }

    /// A path the user named that cannot be used at all (exit code 2).
    package struct PathError: Error, CustomStringConvertible, Equatable {
        package var path: String
        package var reason: String
        package var description: String { "\(path): \(reason)" }
    }

    /// Expands the named paths (files, folders, `-`) into the files to read, in a stable order.
    package func expand(_ paths: [String]) throws(PathError) -> [String] {
        var files: [String] = []
        for path in paths {
            if path == "-" {
                files.append(path)
                continue
            }
            var info = stat()
            guard stat(path, &info) == 0 else {
                throw PathError(path: path, reason: String(cString: strerror(errno)).lowercased())
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                files.append(contentsOf: walk(path).sorted())
            } else {
                files.append(path)
            }
        }
        return files
    }

    private func walk(_ folder: String) -> [String] {
        var found: [String] = []
        var pending = [folder]
        while let current = pending.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: current) else {
                // Listed as an input of its own so reading it reports the problem: never a silent skip.
                found.append(current)
                continue
            }
            for name in names where name != ".git" {
                let path = current == "." ? name : (current.hasSuffix("/") ? current + name : current + "/" + name)
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    pending.append(path)
                case S_IFREG, S_IFLNK:
                    if include(name) { found.append(path) }
                default:
                    break
                }
            }
        }
        return found
    }

    /// Reads one file (or stdin for `-`) within the size limit, refusing devices, folders and binary data.
    package func read(_ path: String) -> Result<[UInt8], InputReadError> {
        if path == "-" { return readStream(FileHandle.standardInput, name: "stdin") }
        var info = stat()
        guard stat(path, &info) == 0 else {
            return .failure(InputReadError("cannot read: \(String(cString: strerror(errno)).lowercased())"))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            return .failure(InputReadError("cannot list this folder: \(access(path, R_OK | X_OK) == 0 ? "unreadable" : "permission denied")"))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(InputReadError("not a regular file"))
        }
        guard Int(info.st_size) <= maxFileBytes else {
            return .failure(InputReadError(
                "file is \(Self.megabytes(Int(info.st_size))) MiB, larger than the \(Self.megabytes(maxFileBytes)) MiB limit (raise it with --max-file-size)"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(InputReadError("cannot open for reading"))
        }
        defer { try? handle.close() }
        return readStream(handle, name: path)
    }

    private func readStream(_ handle: FileHandle, name: String) -> Result<[UInt8], InputReadError> {
        var bytes: [UInt8] = []
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            bytes.append(contentsOf: chunk)
            if bytes.count > maxFileBytes {
                return .failure(InputReadError(
                    "input is larger than the \(Self.megabytes(maxFileBytes)) MiB limit (raise it with --max-file-size)"))
            }
        }
        if Self.looksBinary(bytes) { return .failure(InputReadError("binary file (contains NUL bytes), not YAML or JSON")) }
        return .success(bytes)
    }

    /// NUL bytes never occur in UTF-8 YAML or JSON; UTF-16 text (which has them) starts with a BOM.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return false
        }
        return bytes.prefix(65536).contains(0)
    }

    private static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_048_576
        return value >= 10 ? String(Int(value.rounded())) : String(format: "%.1f", value)
    }
}

package struct InputReadError: Error, Sendable, Equatable, CustomStringConvertible {
    package var reason: String
    package init(_ reason: String) { self.reason = reason }
    package var description: String { reason }
}
