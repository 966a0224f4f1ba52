import ArgumentParser
import EKSGuardCore
import Foundation

struct ChecksCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, markdown }

    static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "List the check catalog.",
        discussion: "docs/CHECKS.md is the output of `eksguard checks --format markdown`."
    )

    @Option(help: "table, json or markdown.")
    var format: Format = .table

    @Option(help: "Only the checks of this practice (1 to 10).")
    var practice: Int?

    func validate() throws {
        if let practice, Practice(rawValue: practice) == nil {
            throw ValidationError("--practice must be between 1 and 10")
        }
    }

    func run() throws {
        let checks = AllChecks.catalog.checks.filter { practice == nil || $0.practice.rawValue == practice }
        let text = switch format {
        case .table: CatalogListing.table(checks)
        case .json: CatalogListing.json(checks)
        case .markdown: CatalogListing.markdown(checks)
        }
        print(text, terminator: "")
    }
}
