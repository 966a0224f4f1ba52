import Foundation

/// Docker's credential-helper protocol: `docker-credential-<name> get` found on PATH, the server URL on
/// its standard input, `{"ServerURL": …, "Username": …, "Secret": …}` on its standard output. A helper that
/// has nothing for the server exits non-zero printing "credentials not found in native keychain": that is
/// "no credentials", not a failure. Username `<token>` makes Secret an identity token. Error messages name
/// the helper and where it was configured, and never quote what the helper printed on success, which
/// would be the secret.
public struct CredentialHelper: Sendable {
    /// The part after `docker-credential-` (`ecr-login`, `desktop`, `pass`, …).
    public var name: String
    /// Where the helper was named, for messages: `credHelpers of /home/me/.docker/config.json`.
    public var configuredBy: String
    /// The helper's environment, PATH included (it is also where the helper is looked for).
    public var environment: [String: String]
    public var timeout: Duration
    public var outputLimit = 1 << 20

    static let notFoundMessage = "credentials not found in native keychain"
    static let tokenUsername = "<token>"

    public init(name: String, configuredBy: String, environment: [String: String], timeout: Duration = .seconds(30)) {
        self.name = name
        self.configuredBy = configuredBy
        self.environment = environment
        self.timeout = timeout
    }

    public var program: String { "docker-credential-" + name }

    /// A usable helper name: a file name, not a path.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 128 && !name.contains("/") && !name.contains("\0") && name != "." && name != ".."
    }

    /// The credential for `serverURL`, or nil when the helper has none.
    public func get(serverURL: String) throws(ImageScanError) -> RegistryCredential? {
        let source = "credential helper \(program) (\(configuredBy), asked for \(serverURL))"
        func failure(_ reason: String) -> ImageScanError { .unreadable(source: source, reason: reason) }
        guard let executable = locate() else {
            throw failure("not found on PATH; install it or remove it from the configuration")
        }
        let outcome: ChildProcess.Outcome
        do throws(ChildProcess.Failure) {
            outcome = try ChildProcess(executable: executable, arguments: ["get"], environment: environment, input: Array(serverURL.utf8),
                                       timeout: timeout, outputLimit: outputLimit).run()
        } catch {
            switch error {
            case .couldNotStart(let reason): throw failure("could not start: \(reason)")
            case .timedOut: throw failure("gave no answer within \(timeout.components.seconds) s and was stopped")
            case .outputTooLarge: throw failure("printed more than \(outputLimit >> 10) KiB and was stopped")
            }
        }
        let text = String(decoding: outcome.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard outcome.status == 0 else {
            if text == Self.notFoundMessage { return nil }
            throw failure("failed with exit status \(outcome.status)" + (Self.showable(text).map { ": \($0)" } ?? ""))
        }
        struct Answer: Decodable {
            var Username: String?
            var Secret: String?
        }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(outcome.output)) else {
            throw failure("did not print a JSON object with Username and Secret")
        }
        guard let secret = answer.Secret, !secret.isEmpty else { return nil }
        let user = answer.Username ?? ""
        return user == Self.tokenUsername ? .identityToken(secret) : .basic(user: user, password: secret)
    }

    /// A failing helper's message is shown when it is one short line of plain text; anything that looks like
    /// a JSON answer could carry the secret.
    static func showable(_ text: String) -> String? {
        guard !text.isEmpty, text.count <= 200, !text.contains("{"), !text.contains("\n") else { return nil }
        return text
    }

    /// The first executable `docker-credential-<name>` in the PATH directories (empty entries, which
    /// would mean the current directory, are skipped).
    func locate() -> String? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").lazy.map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
