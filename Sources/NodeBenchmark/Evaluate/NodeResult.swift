/// One recommendation's result on one node, in kube-bench's terms plus `error` and N/A.
package struct NodeResult: Sendable {
    package enum State: String, Sendable, Codable, CaseIterable {
        case pass = "PASS", fail = "FAIL", warn = "WARN", error = "ERROR", notApplicable = "N/A"
    }

    package var item: Benchmark.Item
    package var group: Benchmark.Group
    package var control: Control
    package var state: State
    package var found: [String]
    package var expected: String
    package var message: String
    package var source: ValueSource?
    package var field: String?
}
