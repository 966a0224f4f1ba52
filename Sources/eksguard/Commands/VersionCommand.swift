import ArgumentParser

struct VersionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Package version utilities.",
        subcommands: [VersionCompareCommand.self]
    )
}
