import Foundation
import Testing

@testable import AWSClient

/// Hostile XML answers end in nil (an unreadable-answer error), never in a hang or a crash.
@Suite struct XMLTreeTests {
    @Test func readsElementsAndText() throws {
        let tree = try #require(XMLTree.parse(Data("<a><b>1</b><b>2</b><c/></a>".utf8)))
        #expect(tree.children("b").map(\.text) == ["1", "2"])
        #expect(tree.child("c")?.text == "")
    }

    @Test func entityDeclarationsAreRefused() {
        let bomb = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>
            <lolz>&lol2;</lolz>
            """
        #expect(XMLTree.parse(Data(bomb.utf8)) == nil)
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "<a>", count: 5000) + String(repeating: "</a>", count: 5000)
        #expect(XMLTree.parse(Data(deep.utf8)) == nil)
    }

    @Test(arguments: ["", "<a>", "not xml", "<a></b>", "\u{0}\u{1}"])
    func malformedDocumentsAreNil(_ text: String) {
        #expect(XMLTree.parse(Data(text.utf8)) == nil)
    }
}
