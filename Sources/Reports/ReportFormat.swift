import EKSGuardCore

/// The output formats of `--format`, each backed by exactly one writer.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, sarif, junit, markdown, html
    /// hadolint's `-f json` array, for Dockerfile scans.
    case hadolintJSON = "hadolint-json"

    /// The writer that renders this format. Dispatch goes through this table (rather than a
    /// switch that calls each writer) so a test can check that every writer is reachable.
    var writer: any ReportWriter.Type {
        switch self {
        case .text: TextWriter.self
        case .json: JSONWriter.self
        case .sarif: SARIFWriter.self
        case .junit: JUnitWriter.self
        case .markdown: MarkdownWriter.self
        case .html: HTMLWriter.self
        case .hadolintJSON: HadolintJSONWriter.self
        }
    }

    /// The report as this format's document. Pure: the same report and options give the same bytes.
    public func render(_ report: Report, options: RenderOptions = RenderOptions()) -> String {
        writer.render(report, options: options)
    }

    /// The same document as UTF-8 bytes in consecutive pieces, what a file or pipe receives. Large
    /// JSON reports are built as bytes in slices, so this spares them copies into one buffer, into
    /// a `String` and back.
    public func renderPieces(_ report: Report, options: RenderOptions = RenderOptions()) -> [[UInt8]] {
        writer.renderPieces(report, options: options)
    }

    /// The usual file name extension, for `--output` defaults and golden files.
    public var fileExtension: String {
        switch self {
        case .text: "txt"
        case .json: "json"
        case .sarif: "sarif"
        case .junit: "xml"
        case .markdown: "md"
        case .html: "html"
        case .hadolintJSON: "hadolint.json"
        }
    }
}

/// How a writer renders. Only the text writer reads these; the machine-readable formats
/// always contain every result so their consumers never see a filtered report.
public struct RenderOptions: Sendable, Equatable {
    /// ANSI colour in text output.
    public var color: Bool
    /// Text shows passing results too.
    public var verbose: Bool
    /// Text shows only failures, errors and the summary line.
    public var quiet: Bool

    public init(color: Bool = false, verbose: Bool = false, quiet: Bool = false) {
        self.color = color
        self.verbose = verbose
        self.quiet = quiet
    }

    /// The colour rule of CLI.md: only on a terminal, never with `--no-color`, never when
    /// `NO_COLOR` is set to a non-empty value (https://no-color.org).
    public static func colorAllowed(isTerminal: Bool, noColorFlag: Bool, environment: [String: String]) -> Bool {
        guard isTerminal, !noColorFlag else { return false }
        return (environment["NO_COLOR"] ?? "").isEmpty
    }
}

/// One output format. Writers are stateless namespaces: everything they need is in the report.
protocol ReportWriter {
    static func render(_ report: Report, options: RenderOptions) -> String
    static func renderPieces(_ report: Report, options: RenderOptions) -> [[UInt8]]
}

extension ReportWriter {
    static func renderPieces(_ report: Report, options: RenderOptions) -> [[UInt8]] {
        [Array(render(report, options: options).utf8)]
    }
}
