import ArgumentParser
import EKSGuardCore
import Foundation
import Gatekeeper

struct PolicyVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Run gator Suite files (test.gatekeeper.sh/v1alpha1) with eksguard's native Gatekeeper constraint kinds.",
        discussion: """
            Each test names a ConstraintTemplate (recognised by the kind it declares in \
            spec.crd.spec.names.kind; its Rego is not run), a constraint of that kind and cases: an \
            object file (a manifest, or an AdmissionReview for UPDATE and DELETE requests) with \
            assertions "violations: yes|no|N" and an optional "message" regular expression. Paths are \
            relative to the suite file. A template whose kind eksguard does not implement fails each \
            of its cases as unsupported.

            Output is gator-like text, or with --format json \
            {"cases":[{"suite":…,"test":…,"case":…,"passed":…,"detail":…}]}. Exit code 0 when every \
            case passes, 1 when any fails, 2 when no suite could be read.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "gator Suite files.")
    var suites: [String]

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    @Flag(name: [.customShort("v"), .long], help: "Also print the violations of passing cases.")
    var verbose = false

    func run() async throws {
        let runner = SuiteRunner()
        var results: [CaseResult] = []
        var unreadable = 0
        for suite in suites {
            let start = ContinuousClock.now
            let suiteResults = runner.run(suite)
            if suiteResults.count == 1, suiteResults[0].test.isEmpty { unreadable += 1 }
            results += suiteResults
            if format == .text { print(text(suite, suiteResults, elapsed: ContinuousClock.now - start), terminator: "") }
        }
        let passed = results.allSatisfy(\.passed)
        switch format {
        case .text: print(passed ? "PASS" : "FAIL")
        case .json: print(try json(results))
        }
        if unreadable == suites.count { throw ExitCode(ExitStatus.usage.rawValue) }
        throw ExitCode((passed ? ExitStatus.clean : .failed).rawValue)
    }

    /// gator's layout: a RUN/PASS|FAIL line per test and case, then `ok` or `FAIL` for the suite.
    private func text(_ suite: String, _ results: [CaseResult], elapsed: Duration) -> String {
        var out = ""
        var tests: [String] = []
        for result in results where !tests.contains(result.test) { tests.append(result.test) }
        for test in tests {
            let cases = results.filter { $0.test == test }
            if !test.isEmpty { out += "=== RUN   \(test)\n" }
            for item in cases {
                if !item.name.isEmpty {
                    out += "    === RUN   \(item.name)\n"
                    out += "    --- \(item.passed ? "PASS" : "FAIL"): \(item.name)\t(\(Self.seconds(item.seconds)))\n"
                }
                if !item.passed || verbose { out += "        \(item.detail)\n" }
            }
            if !test.isEmpty {
                let ok = cases.allSatisfy(\.passed)
                out += "--- \(ok ? "PASS" : "FAIL"): \(test)\t(\(Self.seconds(cases.reduce(0) { $0 + $1.seconds })))\n"
            }
        }
        let total = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        out += results.allSatisfy(\.passed) ? "ok\t\(suite)\t\(Self.seconds(total))\n" : "FAIL\t\(suite)\t\(Self.seconds(total))\n"
        return out
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.3fs", value) }

    private struct JSONCase: Encodable {
        var suite: String
        var test: String
        var `case`: String
        var passed: Bool
        var detail: String
    }

    private func json(_ results: [CaseResult]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let cases = results.map { JSONCase(suite: $0.suite, test: $0.test, case: $0.name, passed: $0.passed, detail: $0.detail) }
        return String(decoding: try encoder.encode(["cases": cases]), as: UTF8.self)
    }
}
