/// Everything a node scan read, before any benchmark looks at it. Problems are kept as values
/// (a missing file, an unparsable drop-in), so each check can report `error` for exactly the data
/// it needed.
package struct NodeFacts: Sendable {
    package var os: NodeOS
    package var hostname: String?
    /// `fargate` or `auto` when the node is one where the node section cannot apply.
    package var computeType: String?
    /// Where the kubelet's command line came from: a process or a systemd unit; nil when neither.
    package var commandLineSource: String?
    package var flags: KubeletFlags
    /// The merged configuration, or why it is missing.
    package var config: Result<ConfigValue, Problem>
    /// The configuration file and its drop-ins, in merge order.
    package var configFiles: [FileFact]
    package var kubeconfig: Result<FileFact, Problem>
    package var accounts: Accounts
    /// The kubelet's Kubernetes minor version when the node reveals it, with where it was found.
    package var kubernetesMinor: (minor: Int, source: String)?

    package struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        package var description: String
        package init(_ description: String) { self.description = description }
    }

    /// One file the benchmark inspects, with the reason that path was chosen.
    package struct FileFact: Sendable, Equatable {
        package var path: String
        /// `--config flag`, `Amazon Linux 2023 default`, `drop-in of --config-dir`.
        package var origin: String
        package var status: Result<FileStatus, NodeFileError>
    }
}
