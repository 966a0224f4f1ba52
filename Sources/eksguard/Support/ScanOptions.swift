import ArgumentParser
import EKSGuardCore
import Foundation
import ImageScan
import Reports

/// `--format`: a report format, or an SBOM format. Only `scan image` writes SBOMs (the package inventory,
/// not check results); every other command refuses them with a usage error.
enum OutputFormat: ExpressibleByArgument, Equatable, CustomStringConvertible {
    case report(ReportFormat)
    case sbom(SBOMFormat)

    init?(argument: String) {
        if let format = ReportFormat(rawValue: argument) {
            self = .report(format)
        } else if let format = SBOMFormat(rawValue: argument) {
            self = .sbom(format)
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { ReportFormat.allCases.map(\.rawValue) + SBOMFormat.allCases.map(\.rawValue) }

    var description: String {
        switch self {
        case let .report(format): format.rawValue
        case let .sbom(format): format.rawValue
        }
    }
}

/// The flags every scanning command shares (CLI.md).
struct ScanOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text, json, sarif, junit, markdown, html, hadolint-json (hadolint's own JSON array of failures), or for `scan image` an SBOM: cyclonedx or spdx-json.")
    var format: OutputFormat = .report(.text)

    @Option(name: [.customShort("o"), .long], help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Severity at or above which a failed check makes the exit code 1: critical, high, medium, low or none (default: low).")
    var failOn: String?

    @Option(name: .long, help: "Run only these checks: comma-separated IDs, ID globs (EKS-POD-*) or reference globs (PSS:*, CIS-EKS-1.8.0:4.2.*). Repeatable.")
    var select: [String] = []

    @Option(name: .long, help: "Skip these checks (same forms as --select). Repeatable.")
    var skip: [String] = []

    @Option(name: .long, help: "Configuration file (default: .eksguard.yaml in the current folder, if present).")
    var config: String?

    @Flag(name: .customLong("no-color"), help: "Never colour the text output (also when NO_COLOR is set).")
    var noColor = false

    @Flag(name: .long, help: "Print only failures, errors and the summary line.")
    var quiet = false

    @Flag(name: .long, help: "Also print passing results in text output.")
    var verbose = false

    func validate() throws {
        if let failOn, FailThreshold(failOn) == nil {
            throw ValidationError("--fail-on must be one of critical, high, medium, low, none (got \"\(failOn)\")")
        }
    }

    /// `--fail-on`, else the scanner's configured default (hadolint's `failure-threshold`), else low.
    func threshold(default configured: FailThreshold? = nil) -> FailThreshold {
        failOn.flatMap(FailThreshold.init) ?? configured ?? .severity(.low)
    }
    var selection: Selection { Selection(select: select, skip: skip) }

    func renderOptions(toTerminal: Bool) -> RenderOptions {
        RenderOptions(
            color: RenderOptions.colorAllowed(
                isTerminal: toTerminal, noColorFlag: noColor, environment: ProcessInfo.processInfo.environment),
            verbose: verbose, quiet: quiet)
    }
}
