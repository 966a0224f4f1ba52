/// What the node says about one setting: its effective value with where it came from, unset,
/// or unknown because the data it depends on could not be read.
package enum Lookup: Sendable, Equatable {
    case found(String, ValueSource)
    case unset
    case unknown(String)
}

extension NodeFacts {
    /// The effective value as the kubelet computes it: command-line flags over the merged
    /// configuration file, except `--feature-gates`, which the file's `featureGates` override.
    /// Without a command line (a copied root, no kubelet running, no unit) flags count as absent,
    /// and every result says so; a setting that only a flag can set is then unknown.
    package func lookup(_ setting: Setting) -> Lookup {
        if let flag = setting.flag, let value = flags[flag] {
            return .found(value.value, value.source)
        }
        guard let path = setting.configPath else {
            return commandLineSource == nil ? .unknown(Self.noCommandLine) : .unset
        }
        switch config {
        case .failure(let problem):
            return .unknown(problem.description)
        case .success(let document):
            if let value = document.value(at: path), !value.isNull {
                return .found(value.text, value.source)
            }
        }
        if let gate = setting.featureGate, let value = flags.featureGates[gate] {
            return .found(value.value, value.source)
        }
        return .unset
    }

    static let noCommandLine = "no kubelet command line was found (no kubelet under /proc, no kubelet.service unit)"
}
