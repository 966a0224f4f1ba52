import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element: name, child elements and the text directly inside it. Query-protocol
/// answers are small documents, so a tree is simpler than streaming; the parser refuses
/// documents over `maxBytes`, nesting deeper than `maxDepth`, and never resolves entities.
public struct XMLTree: Sendable, Equatable {
    public var name: String
    public var children: [XMLTree]
    public var text: String

    public init(name: String, children: [XMLTree] = [], text: String = "") {
        self.name = name
        self.children = children
        self.text = text
    }

    public func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }
    public func children(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }

    /// The first element with this name at any depth, this one included.
    public func first(_ name: String) -> XMLTree? {
        if self.name == name { return self }
        for child in children { if let found = child.first(name) { return found } }
        return nil
    }

    public static let maxBytes = 64 << 20
    public static let maxDepth = 100

    public static func parse(_ data: Data) -> XMLTree? {
        guard data.count <= maxBytes else { return nil }
        // AWS answers carry no DTD; refusing entity declarations rules out entity-expansion bombs.
        guard data.range(of: Data("<!ENTITY".utf8)) == nil else { return nil }
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse(), !builder.failed, let root = builder.root else { return nil }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLTree] = []
        var root: XMLTree?
        var failed = false

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            if stack.count >= XMLTree.maxDepth {
                failed = true
                parser.abortParsing()
                return
            }
            stack.append(XMLTree(name: elementName))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            guard let done = stack.popLast() else { return }
            if stack.isEmpty {
                root = done
            } else {
                stack[stack.count - 1].children.append(done)
            }
        }

        func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
            failed = true
            return nil
        }
    }
}
