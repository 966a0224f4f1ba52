import ArgumentParser

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan one kind of input: Kubernetes manifests, Dockerfiles or container images.",
        subcommands: [ScanManifestsCommand.self, ScanDockerfileCommand.self, ScanImageCommand.self]
    )
}
