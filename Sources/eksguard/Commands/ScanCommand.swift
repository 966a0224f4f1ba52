import ArgumentParser

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan one kind of input: Kubernetes manifests or Dockerfiles.",
        subcommands: [ScanManifestsCommand.self, ScanDockerfileCommand.self]
    )
}
