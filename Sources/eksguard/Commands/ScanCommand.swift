import ArgumentParser

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan one kind of input: Kubernetes manifests, Dockerfiles, container images or a worker node.",
        subcommands: [
            ScanManifestsCommand.self, ScanDockerfileCommand.self, ScanImageCommand.self, ScanNodeCommand.self,
        ]
    )
}
