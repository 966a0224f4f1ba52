/// A declarative test over what was read from the node, in the spirit of kube-bench's
/// `test_items` but with explicit types and explicit "unset" semantics:
///
/// - `{setting: S, op: OP, value: V}` holds when S is set and `found OP V`; an unset S makes it false.
/// - `{setting: S, set: true}` holds when S is set; `{setting: S, unset: true}` when it is not.
/// - `{file: F, property: mode|owner, op: OP, value: V}` holds when every file of role F passes.
/// - `all: [...]` and `any: [...]` combine tests.
package indirect enum BenchmarkTest: Sendable, Equatable, Decodable {
    case compare(Subject, Operator, String)
    case isSet(Subject)
    case isUnset(Subject)
    case all([BenchmarkTest])
    case any([BenchmarkTest])

    package enum Subject: Sendable, Equatable {
        case setting(Setting)
        case file(FileRole, FileProperty)
    }

    private enum Keys: String, CodingKey { case setting, file, property, op, value, set, unset, all, any }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        if let tests = try container.decodeIfPresent([BenchmarkTest].self, forKey: .all) {
            self = .all(tests)
            return
        }
        if let tests = try container.decodeIfPresent([BenchmarkTest].self, forKey: .any) {
            self = .any(tests)
            return
        }
        let subject: Subject
        if let name = try container.decodeIfPresent(String.self, forKey: .setting) {
            guard let setting = Setting(rawValue: name) else {
                throw DecodingError.dataCorruptedError(forKey: .setting, in: container, debugDescription: "unknown setting \(name)")
            }
            subject = .setting(setting)
        } else {
            let role = try container.decode(FileRole.self, forKey: .file)
            subject = .file(role, try container.decode(FileProperty.self, forKey: .property))
        }
        if try container.decodeIfPresent(Bool.self, forKey: .set) == true {
            self = .isSet(subject)
        } else if try container.decodeIfPresent(Bool.self, forKey: .unset) == true {
            self = .isUnset(subject)
        } else {
            self = .compare(subject, try container.decode(Operator.self, forKey: .op), try container.decode(String.self, forKey: .value))
        }
    }
}

/// The files the benchmark looks at.
package enum FileRole: String, Sendable, Decodable {
    /// The kubeconfig the kubelet uses to reach the API server.
    case kubeconfig
    /// The kubelet configuration file and every drop-in merged into it.
    case config
}

package enum FileProperty: String, Sendable, Decodable {
    /// Permission bits in octal, as `stat -c %a` prints them.
    case mode
    /// `user:group` by name, as `stat -c %U:%G` prints them.
    case owner
}
