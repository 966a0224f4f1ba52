import EKSGuardCore
import Foundation
@testable import Gatekeeper
import KubernetesAudit
import Testing

@Suite struct SuiteRunnerTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/suites")
    static let supported = ["privileged", "capabilities", "users", "host-filesystem", "seccompv2"]

    @Test(arguments: supported)
    func librarySuiteLayoutPasses(_ name: String) throws {
        let results = SuiteRunner().run(Self.fixtures.appendingPathComponent("\(name)/suite.yaml").path)
        #expect(!results.isEmpty)
        for result in results { #expect(result.passed, "\(result.test)/\(result.name): \(result.detail)") }
    }

    /// The same suites with every assertion flipped (yes↔no, N→N+1) must fail case by case.
    @Test(arguments: supported)
    func flippedAssertionsFail(_ name: String) throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("eksguard-flip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: copy)
        let suite = copy.appendingPathComponent("suite.yaml")
        try Self.flip(String(contentsOf: suite, encoding: .utf8)).write(to: suite, atomically: true, encoding: .utf8)
        let results = SuiteRunner().run(suite.path)
        #expect(!results.isEmpty)
        for result in results { #expect(!result.passed, "\(result.test)/\(result.name) passed with flipped assertions") }
    }

    static func flip(_ suite: String) -> String {
        suite.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard let range = line.range(of: "violations: ") else { return String(line) }
            let value = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
            let flipped = value == "yes" ? "no" : value == "no" ? "yes" : Int(value).map { String($0 + 1) } ?? value
            return String(line[..<range.upperBound]) + flipped
        }.joined(separator: "\n")
    }

    @Test func unsupportedTemplateKindNeverPasses() {
        let results = SuiteRunner().run(Self.fixtures.appendingPathComponent("unsupported/suite.yaml").path)
        #expect(results.count == 1)
        #expect(results.allSatisfy { !$0.passed && $0.detail.contains("unsupported") && $0.detail.contains("K8sRequiredLabels") })
    }

    @Test func unreadableSuiteIsAFailure() {
        let results = SuiteRunner().run("/nonexistent/suite.yaml")
        #expect(results.count == 1 && !results[0].passed)
    }

    @Test func assertionSemantics() {
        let two = [Violation("alpha one", at: .init(node: nil, path: "a", position: .init(line: 1, column: 1))),
                   Violation("beta two", at: .init(node: nil, path: "b", position: .init(line: 1, column: 1)))]
        typealias A = GatorSuite.Assertion
        #expect(SuiteRunner.check(A(violations: .some, message: nil), two) == nil)
        #expect(SuiteRunner.check(A(violations: .none, message: nil), two) != nil)
        #expect(SuiteRunner.check(A(violations: .exactly(1), message: "^beta"), two) == nil)
        #expect(SuiteRunner.check(A(violations: .none, message: "gamma"), two) == nil)
        #expect(SuiteRunner.check(A(violations: .exactly(2), message: nil), []) != nil)
        #expect(SuiteRunner.check(A(violations: .some, message: "(["), two) != nil)
    }
}
