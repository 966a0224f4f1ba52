import AWSClient
import AWSTestSupport
import ClusterCollect
import ClusterSnapshot
import Foundation
import Testing

/// Faults injected by a proxy in front of moto: denied, throttled, failing and truncated calls are
/// retried where they should be and always recorded; nothing is silently dropped.
@Suite struct FaultInjectionTests {
    typealias Rule = FakeAWSServer.Rule

    static func insecureName() throws -> String {
        try #require(MotoScenario.scenario()[path: "insecure.name"]?.string)
    }

    @Test func deniedCallsAreRecordedAndNamedWithTheirIAMAction() async throws {
        let name = try Self.insecureName()
        let denied = FakeAWSServer.response(
            403, #"{"message":"User: arn:aws:iam::123456789012:user/audit is not authorized to perform: eks:DescribeNodegroup"}"#,
            headers: ["x-amzn-ErrorType": "AccessDeniedException", "x-amzn-RequestId": "denied-1"]
        )
        let ec2Denied = FakeAWSServer.response(403, """
            <Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>denied-2</RequestID></Response>
            """)
        let proxy = try FakeAWSServer([
            Rule(["path": "/clusters/\(name)/node-groups/ng-al2"], denied),
            Rule(["action": "DescribeRouteTables"], ec2Denied),
        ], upstream: MotoScenario.environment("EKSGUARD_MOTO_URL"))
        defer { proxy.stop() }
        let snapshot = try await MotoScenario.collect(name, endpoint: proxy.url)
        let nodegroup = try #require(snapshot.call("eks", "DescribeNodegroup"))
        #expect(nodegroup.error?.code == "AccessDeniedException")
        #expect(nodegroup.error?.requestID == "denied-1")
        #expect(nodegroup.response == nil)
        #expect(snapshot.call("ec2", "DescribeRouteTables")?.error?.code == "UnauthorizedOperation")
        #expect(snapshot.call("eks", "DescribeCluster")?.error == nil, "other calls still succeed")
        let lines = CollectionSummary.lines(snapshot, credentials: "credentials from environment")
        #expect(lines.first?.contains("were denied to arn:aws:sts::123456789012:user/moto (credentials from environment)") == true)
        #expect(lines.contains("  eks:DescribeNodegroup") && lines.contains("  ec2:DescribeRouteTables"))
        #expect(lines.last?.hasPrefix("the snapshot is incomplete") == true)
    }

    @Test func throttlingThenSuccessIsRetried() async throws {
        let name = try Self.insecureName()
        let throttled = FakeAWSServer.response(429, #"{"message":"Rate exceeded"}"#, headers: ["x-amzn-ErrorType": "ThrottlingException"])
        let proxy = try FakeAWSServer([
            Rule(["method": "GET", "path": "/clusters/\(name)"], throttled, throttled, FakeAWSServer.forward),
        ], upstream: MotoScenario.environment("EKSGUARD_MOTO_URL"))
        defer { proxy.stop() }
        let snapshot = try await MotoScenario.collect(name, endpoint: proxy.url)
        let cluster = try #require(snapshot.call("eks", "DescribeCluster"))
        #expect(cluster.error == nil)
        #expect(cluster.response?[path: "cluster.name"] == .string(name))
        #expect(proxy.requests().filter { $0["path"] == .string("/clusters/\(name)") }.count == 3)
    }

    @Test func serverErrorsAreRetriedThenRecorded() async throws {
        let name = try Self.insecureName()
        let proxy = try FakeAWSServer([
            Rule(["target": "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories"],
                 FakeAWSServer.response(500, #"{"__type":"ServerException","message":"boom"}"#)),
        ], upstream: MotoScenario.environment("EKSGUARD_MOTO_URL"))
        defer { proxy.stop() }
        let snapshot = try await MotoScenario.collect(name, endpoint: proxy.url)
        let call = try #require(snapshot.call("ecr", "DescribeRepositories"))
        #expect(call.error?.code == "ServerException")
        #expect(call.error?.httpStatus == 500)
        // Three attempts: the AWS CLI's standard retry mode, the default without AWS_MAX_ATTEMPTS.
        #expect(proxy.requests().filter { $0[path: "headers.x-amz-target"] == "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories" }.count == 3)
        #expect(snapshot.failedCalls.contains(call))
    }

    @Test func aTruncatedListKeepsItsFirstPageAndStaysAnError() async throws {
        let name = try Self.insecureName()
        let proxy = try FakeAWSServer([
            Rule(["path": "/clusters/\(name)/node-groups", "queryContains": "nextToken=page-2"],
                 FakeAWSServer.response(500, #"{"message":"lost"}"#, headers: ["x-amzn-ErrorType": "ServiceException"])),
            Rule(["path": "/clusters/\(name)/node-groups"],
                 FakeAWSServer.response(200, #"{"nodegroups":["ng-al2"],"nextToken":"page-2"}"#)),
        ], upstream: MotoScenario.environment("EKSGUARD_MOTO_URL"))
        defer { proxy.stop() }
        let snapshot = try await MotoScenario.collect(name, endpoint: proxy.url)
        let list = try #require(snapshot.call("eks", "ListNodegroups"))
        #expect(list.error?.code == "ServiceException")
        #expect(list.response?["nodegroups"] == ["ng-al2"])
        #expect(snapshot.failedCalls.contains(list))
        #expect(snapshot.call("eks", "DescribeNodegroup", matching: ["nodegroupName": "ng-al2"])?.error == nil,
                "the listed node group is still described")
    }

    /// Every action a collection uses is in the README's minimal IAM policy.
    @Test func theDocumentedPolicyCoversEveryCall() async throws {
        let snapshot = try await MotoScenario.collect(MotoScenario.scenario()[path: "hardened.name"]?.string ?? "")
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        for action in Set(snapshot.calls.map(\.iamAction)) {
            #expect(text.contains("\"\(action)\""), "README's IAM policy lacks \(action)")
        }
    }
}
