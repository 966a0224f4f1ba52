import EKSGuardCore

extension CheckExample {
    /// A `kind: Pod` named `web` around the given pod spec (written at column 0), the shape most
    /// examples share; `explain` shows the whole manifest.
    static func pod(
        _ spec: String, expect: [String] = [], status: CheckStatus = .fail,
        options: [String: String] = [:], note: String? = nil,
        file: String = #filePath, line: Int = #line
    ) -> CheckExample {
        let body = spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        return .yaml(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n" + body,
            expect: expect, status: status, options: options, note: note, file: file, line: line)
    }
}
