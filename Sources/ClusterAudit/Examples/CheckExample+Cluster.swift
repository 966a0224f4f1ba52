import EKSGuardCore

extension CheckExample {
    /// An example of a cluster check in `ExampleFacts`' JSON form. `expect` lists resource display
    /// names, ARNs or field paths the check must flag.
    package static func cluster(
        _ json: String, expect: [String] = [], status: CheckStatus = .fail, options: [String: String] = [:],
        note: String? = nil, file: String = #filePath, line: Int = #line
    ) -> CheckExample {
        CheckExample(
            format: .json, input: json, expect: expect, expectedStatus: status, options: options, note: note,
            sourceFile: file, sourceLine: line)
    }
}
