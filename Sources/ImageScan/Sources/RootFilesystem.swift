import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A root filesystem folder (an unpacked image, a mounted node disk). Only the wanted files are read,
/// and symbolic links are resolved as if the folder were `/`, so no link leads outside it.
public enum RootFilesystem {
    public static func read(root: String) throws -> ImageFiles {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue else {
            throw ImageScanError.unreadable(source: root, reason: "not a folder")
        }
        var files = ImageFiles()
        var candidates = ImageFiles.releasePaths + [ImageFiles.dpkgStatus, ImageFiles.bottlerocketInventory] + ImageFiles.apkInstalled
        candidates += ImageFiles.rpmFolders.flatMap { folder in ImageFiles.rpmFiles.map { folder + $0 } }
        for listed in [ImageFiles.dpkgStatusFolder, ImageFiles.contentManifestFolder] {
            if let folder = resolve(listed, root: root), let names = try? FileManager.default.contentsOfDirectory(atPath: folder) {
                candidates += names.sorted().map { listed + $0 }.filter(ImageFiles.wants)
            }
        }
        for path in candidates {
            guard let real = resolve(path, root: root), FileSystem.isRegularFile(real) else { continue }
            let file = try SharedFile(path: real)
            files.files[path] = .init(data: try file.readAll(offset: 0, length: file.size, limit: ImageFiles.sizeLimit(for: path)), layer: 0)
        }
        for path in ImageFiles.toolPaths where resolve(path, root: root).map(FileSystem.isRegularFile) ?? false {
            files.tools.insert(path)
        }
        return files
    }

    /// Walks `path` component by component from `root`, following links inside the root (absolute
    /// targets restart at the root, `..` stops at it). Nil if a component is missing or links loop.
    static func resolve(_ path: String, root: String) -> String? {
        var pending = path.split(separator: "/").map(String.init).reversed() as [String]
        var resolved: [String] = []
        var hops = 0
        while let part = pending.popLast() {
            switch part {
            case "", ".": continue
            case "..": _ = resolved.popLast(); continue
            default: break
            }
            let candidate = root + "/" + (resolved + [part]).joined(separator: "/")
            guard let isLink = FileSystem.isSymbolicLink(candidate) else { return nil }
            if isLink {
                hops += 1
                guard hops <= 40, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: candidate) else { return nil }
                if target.hasPrefix("/") { resolved = [] }
                pending += target.split(separator: "/").map(String.init).reversed()
            } else {
                resolved.append(part)
            }
        }
        return root + "/" + resolved.joined(separator: "/")
    }
}
