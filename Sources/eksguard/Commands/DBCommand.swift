import ArgumentParser
import EKSGuardCore
import Foundation
import ImageScan

struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Build or inspect the local vulnerability database used by `scan image`.",
        subcommands: [DBImportCommand.self, DBInfoCommand.self]
    )
}

struct DBLocation: ParsableArguments {
    @Option(name: .long, help: "Database file (default: $EKSGUARD_DB, else ~/.cache/eksguard/vulnerabilities.sqlite).")
    var db: String?

    var path: String { db ?? VulnerabilityDatabase.defaultPath }
}

struct DBImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import OSV data, CSAF advisories, Amazon Linux or Oracle Linux advisories into the vulnerability database.",
        discussion: """
            Each SOURCE is an OSV export `all.zip` (for example \
            https://osv-vulnerabilities.storage.googleapis.com/Debian/all.zip), a folder searched recursively \
            for .json files, a single .json file (one OSV record or an array), an Amazon Linux \
            `updateinfo.xml` (ALAS advisories; OSV has no Amazon Linux data) or Oracle Linux's ELSA OVAL file \
            (com.oracle.elsa-all.xml, decompressed). A JSON document with \
            `document.csaf_version` is read as CSAF 2.0: Red Hat's advisories (RHSA) and per-CVE VEX files \
            and SUSE's advisories and VEX files, in a zip, a folder or alone; their rpms land in the \
            ecosystems OSV uses (`Red Hat:enterprise_linux:9::baseos`, `SUSE:Linux Enterprise Module for \
            Basesystem 15 SP5`). Records are keyed by id (a CSAF document's tracking id): a later import \
            replaces an earlier one, and withdrawn records are removed. The database is created if missing. \
            Severity comes from the newest CVSS vector of a record that scores (v4.0, then v3.x, then v2), else \
            from the distribution's rating; vectors that cannot be scored are counted on stderr.
            """
    )

    @Argument(help: "OSV zips, folders or JSON files, CSAF JSON files (or zips and folders of them), ALAS updateinfo.xml or ELSA OVAL files.")
    var sources: [String]

    @OptionGroup var location: DBLocation

    func run() throws {
        do {
            let database = try VulnerabilityDatabase(path: location.path, create: true)
            let importer = DatabaseImporter(database: database)
            for source in sources {
                let outcome = try importer.importSource(source)
                print("\(source): \(outcome.records) records imported, \(outcome.withdrawn) withdrawn, \(outcome.skipped.count) files skipped")
                for skipped in outcome.skipped.prefix(5) { ReportOutput.warn(skipped) }
                if outcome.unscoredVectors > 0 {
                    ReportOutput.warn("\(source): \(outcome.unscoredVectors) CVSS vectors not scored; those records use their next-best rating")
                    for example in outcome.unscoredExamples { ReportOutput.warn(example) }
                }
            }
        } catch {
            throw UsageError("\(error)")
        }
    }
}

struct DBInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show the vulnerability database's sources, record counts per ecosystem and age."
    )

    @OptionGroup var location: DBLocation

    func run() throws {
        let summary: VulnerabilityDatabase.Summary
        do {
            summary = try VulnerabilityDatabase(path: location.path, create: false).summary()
        } catch {
            throw UsageError("\(error)")
        }
        print("database: \(location.path)")
        print("vulnerabilities: \(summary.vulnerabilities)")
        if let newest = summary.newestModified { print("newest record modified: \(newest)") }
        print("sources:")
        for source in summary.sources { print("  \(source.name) (\(source.kind)): \(source.records) records, imported \(source.importedAt)") }
        print("affected entries per ecosystem:")
        for ecosystem in summary.ecosystems { print("  \(ecosystem.name): \(ecosystem.entries)") }
    }
}
