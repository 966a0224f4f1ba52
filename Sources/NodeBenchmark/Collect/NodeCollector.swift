/// Reads a node's kubelet configuration, flags and files from its filesystem.
package struct NodeCollector: Sendable {
    package var files: any NodeFileSystem
    /// `--compute-type` when the user knows better than the node's labels.
    package var computeType: String?
    /// The node's name, from the DaemonSet's downward API (`NODE_NAME`); else /etc/hostname.
    package var nodeName: String?

    package init(files: any NodeFileSystem, computeType: String? = nil, nodeName: String? = nil) {
        self.files = files
        self.computeType = computeType
        self.nodeName = nodeName
    }

    package func collect() -> NodeFacts {
        let os = NodeOS.detect(files)
        var commandLineSource: String?
        var flags = KubeletFlags()
        if let process = KubeletProcess.find(files) {
            let source = "/proc/\(process.pid)/cmdline"
            commandLineSource = "running kubelet (\(source))"
            flags = KubeletFlags(arguments: process.arguments, source: ValueSource(file: source))
        } else if let unit = SystemdUnit.load("kubelet.service", from: files), let command = unit.commandLine {
            let source = unit.files.joined(separator: ", ")
            commandLineSource = "systemd unit (\(source))"
            flags = KubeletFlags(arguments: Array(command.dropFirst()), source: ValueSource(file: unit.files.last ?? source))
        }
        let (config, configFiles) = loadConfig(os: os, flags: flags)
        return NodeFacts(
            os: os, hostname: nodeName ?? hostname(), computeType: computeType ?? labelledComputeType(flags),
            commandLineSource: commandLineSource, flags: flags, config: config, configFiles: configFiles,
            kubeconfig: kubeconfig(os: os, flags: flags), accounts: Accounts(reading: files),
            kubernetesMinor: os.variantKubernetesMinor.map { ($0, "Bottlerocket variant \(os.fields["VARIANT_ID"] ?? "")") })
    }

    private func hostname() -> String? {
        guard case .success(let text) = files.text("/etc/hostname", limit: 4096) else { return nil }
        let name = text.trimmed().split(separator: "\n").first.map(String.init)
        return name?.isEmpty == false ? name : nil
    }

    /// EKS labels Fargate and Auto Mode nodes `eks.amazonaws.com/compute-type`; a kubelet started
    /// with that label in `--node-labels` is one of them.
    private func labelledComputeType(_ flags: KubeletFlags) -> String? {
        guard let labels = flags["node-labels"]?.value else { return nil }
        for label in labels.split(separator: ",") {
            let parts = label.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == "eks.amazonaws.com/compute-type", ["fargate", "auto"].contains(parts[1]) {
                return String(parts[1])
            }
        }
        return nil
    }

    private func fact(_ path: String, origin: String) -> NodeFacts.FileFact {
        NodeFacts.FileFact(path: path, origin: origin, status: files.status(path))
    }

    private func kubeconfig(os: NodeOS, flags: KubeletFlags) -> Result<NodeFacts.FileFact, NodeFacts.Problem> {
        if let path = flags["kubeconfig"]?.value { return .success(fact(path, origin: "--kubeconfig flag")) }
        if let path = os.defaultKubeconfig { return .success(fact(path, origin: "\(os.family.rawValue) default")) }
        if let path = NodeOS.kubeconfigCandidates.first(where: files.exists) { return .success(fact(path, origin: "found at a known EKS location")) }
        return .failure(NodeFacts.Problem(
            "no kubelet kubeconfig: no --kubeconfig flag, and none at \(NodeOS.kubeconfigCandidates.joined(separator: ", "))"))
    }

    /// The configuration file (from `--config`, else the OS default) with the drop-ins of
    /// `--config-dir` merged over it in file-name order. On AL2023 nodeadm writes its drop-ins to
    /// config.json.d and starts the kubelet with that folder, so the folder is read there even when
    /// the command line at hand does not name it.
    private func loadConfig(os: NodeOS, flags: KubeletFlags) -> (Result<ConfigValue, NodeFacts.Problem>, [NodeFacts.FileFact]) {
        let main: NodeFacts.FileFact
        if let path = flags["config"]?.value {
            main = fact(path, origin: "--config flag")
        } else if let path = os.defaultConfig {
            main = fact(path, origin: "\(os.family.rawValue) default")
        } else if let path = NodeOS.configCandidates.first(where: files.exists) {
            main = fact(path, origin: "found at a known EKS location")
        } else {
            return (.failure(NodeFacts.Problem(
                "no kubelet configuration: no --config flag, OS \(os.description), and none at \(NodeOS.configCandidates.joined(separator: ", "))")), [])
        }
        var facts = [main]
        var merged: ConfigValue
        switch parse(main.path) {
        case .failure(let problem): return (.failure(problem), facts)
        case .success(let value): merged = value
        }
        let dirFlag = flags["config-dir"]?.value
        guard let dir = dirFlag ?? os.defaultConfigDir else { return (.success(merged), facts) }
        let names: [String]
        switch files.list(dir) {
        case .success(let listed): names = listed.filter { $0.hasSuffix(".conf") }.sorted()
        case .failure(.notFound) where dirFlag == nil: return (.success(merged), facts)
        case .failure(let error): return (.failure(NodeFacts.Problem("kubelet drop-in folder \(dir): \(error)")), facts)
        }
        for name in names {
            let path = dir + "/" + name
            facts.append(fact(path, origin: "drop-in of \(dirFlag == nil ? "nodeadm's" : "--config-dir") \(dir)"))
            switch parse(path) {
            case .failure(let problem): return (.failure(problem), facts)
            case .success(let value): merged = merged.merging(value)
            }
        }
        return (.success(merged), facts)
    }

    private func parse(_ path: String) -> Result<ConfigValue, NodeFacts.Problem> {
        switch files.text(path) {
        case .failure(let error):
            return .failure(NodeFacts.Problem("kubelet configuration \(path): \(error)"))
        case .success(let text):
            do {
                return .success(try ConfigDocument.parse(text, file: path))
            } catch {
                return .failure(NodeFacts.Problem("kubelet configuration \(path): \(error)"))
            }
        }
    }
}
