import ClusterSnapshot
import Foundation

/// Runs fake_aws.py on a loopback port with the given rules; `stop()` ends it. With `upstream`,
/// requests no rule answers are passed on to that server (moto), which makes it a fault-injecting proxy.
public final class FakeAWSServer: @unchecked Sendable {
    public let url: String
    private let process: Process
    private let folder: URL

    /// A rule: which requests it answers and the answers in order (the last repeats).
    public struct Rule {
        public var match: [String: String]
        public var responses: [JSONValue]
        public init(_ match: [String: String], _ responses: JSONValue...) {
            self.match = match
            self.responses = responses
        }
    }

    /// An answer that passes the request on to the upstream server.
    public static let forward: JSONValue = ["forward": true]

    public static func response(_ status: Int, _ body: String, headers: [String: String] = [:]) -> JSONValue {
        .object(["status": .number(Double(status)), "body": .string(body),
                 "headers": .object(headers.mapValues(JSONValue.string))])
    }

    public init(_ rules: [Rule], upstream: String? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("fake-aws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let rulesJSON = JSONValue.array(rules.map { rule in
            .object(["match": .object(rule.match.mapValues(JSONValue.string)), "responses": .array(rule.responses)])
        })
        try Data(rulesJSON.jsonText.utf8).write(to: folder.appendingPathComponent("rules.json"))
        let script = Bundle.module.url(forResource: "fake_aws", withExtension: "py")!
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, folder.appendingPathComponent("rules.json").path,
                             folder.appendingPathComponent("log.jsonl").path] + (upstream.map { [$0] } ?? [])
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let port = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        url = "http://127.0.0.1:\(port)"
    }

    /// Every request the server received, oldest first.
    public func requests() -> [JSONValue] {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("log.jsonl"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { JSONValue.parse(Data($0.utf8)) }
    }

    public func stop() {
        // SIGKILL: the test runner's children may inherit a mask that blocks SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }
}
