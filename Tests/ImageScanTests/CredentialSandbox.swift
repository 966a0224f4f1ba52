import Foundation
@testable import ImageScan

/// A scratch folder with fake `docker-credential-*` programs (shell scripts) in `bin/` and credentials
/// files, and the environment that points a `RegistryCredentialStore` and its helpers there, so nothing
/// depends on (or touches) the test process' own environment, home or PATH.
struct CredentialSandbox {
    let folder: String

    init() throws { folder = try scratchFolder() }

    var environment: [String: String] {
        ["PATH": folder + "/bin:/usr/bin:/bin", "HOME": folder + "/home", "DOCKER_CONFIG": folder + "/docker"]
    }

    /// `bin/docker-credential-NAME`, running `body` under /bin/sh. Written through a close-on-exec
    /// descriptor: tests run in parallel, and a helper another test starts meanwhile would otherwise inherit
    /// the open file and make running it fail with "text file busy".
    func helper(_ name: String, _ body: String) throws {
        try FileManager.default.createDirectory(atPath: folder + "/bin", withIntermediateDirectories: true)
        let path = folder + "/bin/docker-credential-" + name
        let temporary = path + ".new"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        let script = Array("#!/bin/sh\n\(body)\n".utf8)
        let written = script.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == script.count, rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// A helper answering `user`/`secret` for `server` and "not found" for anything else; it records what
    /// it was asked in `asked-NAME`.
    func answeringHelper(_ name: String, server: String, user: String, secret: String) throws {
        try helper(name, """
            url=$(cat); printf '%s' "$url" > '\(folder)/asked-\(name)'
            if [ "$url" = '\(server)' ]; then printf '{"ServerURL":"%s","Username":"\(user)","Secret":"\(secret)"}' "$url"; exit 0; fi
            echo "credentials not found in native keychain"; exit 1
            """)
    }

    func asked(_ name: String) -> String? {
        try? String(contentsOfFile: folder + "/asked-" + name, encoding: .utf8)
    }

    /// Writes `text` at `relative` (folders created) and returns the full path.
    @discardableResult
    func file(_ relative: String, _ text: String) throws -> String {
        let path = folder + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try write(Array(text.utf8), to: path)
        return path
    }

    func store(extra: [String: String] = [:], timeout: Duration = .seconds(30)) throws -> RegistryCredentialStore {
        try RegistryCredentialStore.load(environment: environment.merging(extra) { $1 }, helperTimeout: timeout)
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}
