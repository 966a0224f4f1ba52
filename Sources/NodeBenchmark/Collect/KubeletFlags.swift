/// The kubelet's command-line flags, parsed the way its flag library (pflag) reads them:
/// `--name=value`, `--name value` for flags that take a value, and a bare `--name` for booleans.
package struct KubeletFlags: Sendable, Equatable {
    package struct Flag: Sendable, Equatable {
        package var value: String
        /// Where the command line came from (`/proc/812/cmdline`, a systemd unit).
        package var source: ValueSource
    }

    package private(set) var values: [String: Flag] = [:]
    /// `--feature-gates` entries; they have lower precedence than the config file's `featureGates`.
    package private(set) var featureGates: [String: Flag] = [:]

    /// Boolean kubelet flags: these never take the next word as their value.
    static let booleanFlags: Set<String> = [
        "anonymous-auth", "authentication-token-webhook", "make-iptables-util-chains", "rotate-certificates",
        "rotate-server-certificates", "protect-kernel-defaults", "fail-swap-on", "register-node",
        "cgroups-per-qos", "enable-server", "enable-debugging-handlers", "serialize-image-pulls",
        "exit-on-lock-contention", "kernel-memcg-notification", "register-schedulable", "v",
    ]

    package init() {}

    /// Parses the arguments after the program name; later occurrences win, as in pflag.
    package init(arguments: [String], source: ValueSource) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("-"), argument != "-", argument != "--" else { continue }
            let body = argument.drop(while: { $0 == "-" })
            let name: String
            var value: String
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                value = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
                if Self.booleanFlags.contains(name) || index >= arguments.count || arguments[index].hasPrefix("-") {
                    value = "true"
                } else {
                    value = arguments[index]
                    index += 1
                }
            }
            if name == "feature-gates" {
                for gate in value.split(separator: ",") {
                    let parts = gate.split(separator: "=", maxSplits: 1)
                    let key = parts[0].trimmed()
                    featureGates[key] = Flag(value: parts.count > 1 ? String(parts[1]).trimmed() : "", source: source)
                }
                value = value.trimmed()
            }
            values[name] = Flag(value: value, source: source)
        }
    }

    package subscript(name: String) -> Flag? { values[name] }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmed() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" || first == "\r" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice = slice.dropLast() }
        return String(slice)
    }
}
