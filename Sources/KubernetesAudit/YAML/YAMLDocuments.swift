import EKSGuardCore

/// One document of a file: its tree, or why it could not be read.
package struct ParsedDocument: Sendable {
    package var index: Int
    package var result: Result<SourceNode, YAMLError>
}

extension YAMLLimits {
    /// Parses every document of a YAML (or JSON) byte stream. A broken document yields an error
    /// for that document only; the documents after its next `---` are still read.
    package func parseDocuments(_ bytes: [UInt8], isJSON: Bool = false) -> [ParsedDocument] {
        // JSON allows tabs between tokens where YAML flow syntax does not; a raw tab can only
        // be whitespace in valid JSON, so spaces keep every column where it was.
        let input = isJSON ? bytes.map { $0 == UInt8(ascii: "\t") ? UInt8(ascii: " ") : $0 } : bytes
        var documents: [ParsedDocument] = []
        for chunk in DocumentSplitter.split(input) {
            let composer = YAMLComposer(limits: self, lineOffset: chunk.firstLine)
            switch composer.documents(chunk.bytes) {
            case .success(let nodes):
                for node in nodes { documents.append(ParsedDocument(index: documents.count, result: .success(node))) }
            case .failure(let error):
                documents.append(ParsedDocument(index: documents.count, result: .failure(error)))
            }
        }
        return documents
    }

    /// Parses a single-document YAML file such as a configuration file.
    package func parseSingleDocument(_ bytes: [UInt8]) throws(YAMLError) -> SourceNode? {
        let documents = parseDocuments(bytes)
        guard documents.count <= 1 else {
            throw YAMLError("expected one YAML document, found \(documents.count)", at: SourcePosition(line: 1, column: 1))
        }
        guard let first = documents.first else { return nil }
        return try first.result.get()
    }
}
