import ArgumentParser

struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Work with Gatekeeper policies: run gator test suites against eksguard's native constraint kinds.",
        subcommands: [PolicyVerifyCommand.self]
    )
}
