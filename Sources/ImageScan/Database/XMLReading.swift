import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Advisory XML (updateinfo, OVAL) through Foundation's event parser.
enum XMLReading {
    /// Runs `delegate` over the document with external entities off, so a hostile document cannot make
    /// the parser read files or the network; a parse error names the document and what it should have been.
    static func parse(_ data: [UInt8], name: String, delegate: some XMLParserDelegate, expected: String) throws {
        let parser = XMLParser(data: Data(data))
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        guard parser.parse() else {
            throw ImageScanError.malformed(path: name, reason: "not \(expected): \(parser.parserError.map { "\($0)" } ?? "parse error")")
        }
    }
}
