import ArgumentParser
import EKSGuardCore

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one check: rationale, remediation, references, failing and passing examples."
    )

    @Argument(help: "A check ID, such as EKS-POD-007.")
    var id: String

    func run() throws {
        guard let metadata = AllChecks.catalog.metadata(for: id) else {
            let suggestions = AllChecks.catalog.suggestions(for: id)
            let hint = suggestions.isEmpty ? "run `eksguard checks` for the list" : "did you mean \(suggestions.joined(separator: ", "))?"
            throw UsageError("unknown check \"\(id)\"; \(hint)")
        }
        print(CatalogListing.explanation(metadata), terminator: "")
    }
}
