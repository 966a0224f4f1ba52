import AWSTestSupport
import ClusterSnapshot
import Foundation
import Testing

@testable import AWSClient

/// The wire protocols against a scripted loopback server: how requests are built and signed,
/// how answers and errors are read, pagination, retries and timeouts.
@Suite struct ProtocolTests {
    typealias Rule = FakeAWSServer.Rule
    static let credentials = AWSCredentials(
        accessKeyID: "AKIDPROTOCOLTEST0001", secretAccessKey: "protocol-secret-key", source: "test"
    )

    static func client(_ server: FakeAWSServer, attempts: Int = 3, timeout: Duration = .seconds(5),
                       log: (@Sendable (String) -> Void)? = nil) -> AWSClient {
        AWSClient(
            credentials: StaticCredentialProvider(credentials),
            endpoints: EndpointResolver(region: "eu-west-3", endpointURL: server.url, environment: [:]),
            retry: RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20)),
            timeout: timeout, log: log
        )
    }

    @Test func restJSONPutsLabelsInThePathAndSignsForTheService() async throws {
        let server = try FakeAWSServer([
            Rule(["method": "GET", "path": "/clusters/prod%20one"],
                 FakeAWSServer.response(200, #"{"cluster":{"name":"prod one","resourcesVpcConfig":{"endpointPublicAccess":true}}}"#)),
        ])
        defer { server.stop() }
        let answer = try await Self.client(server).call("eks", "DescribeCluster", ["name": "prod one"])
        #expect(answer[path: "cluster.resourcesVpcConfig.endpointPublicAccess"] == true)
        let request = try #require(server.requests().first)
        let authorization = try #require(request[path: "headers.authorization"]?.string)
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDPROTOCOLTEST0001/"))
        #expect(authorization.contains("/eu-west-3/eks/aws4_request"))
    }

    @Test func restJSONRenamesWireNamesToMemberNames() async throws {
        let server = try FakeAWSServer([
            Rule(["path": "/detector"], FakeAWSServer.response(200, #"{"detectorIds":["d1","d2"]}"#)),
        ])
        defer { server.stop() }
        let answer = try await Self.client(server).call("guardduty", "ListDetectors")
        #expect(answer["DetectorIds"] == ["d1", "d2"])
    }

    @Test func jsonProtocolSendsTheTargetHeader() async throws {
        let server = try FakeAWSServer([
            Rule(["target": "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories"],
                 FakeAWSServer.response(200, #"{"repositories":[{"repositoryName":"app","imageTagMutability":"MUTABLE"}]}"#)),
        ])
        defer { server.stop() }
        let answer = try await Self.client(server).call("ecr", "DescribeRepositories")
        #expect(answer["repositories"]?.array?.first?["imageTagMutability"] == "MUTABLE")
        let request = try #require(server.requests().first)
        #expect(request[path: "headers.content-type"] == "application/x-amz-json-1.1")
        #expect(request["body"] == "{}")
    }

    static let ec2Page1 = """
        <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId>
        <reservationSet><item><reservationId>r-a</reservationId><instancesSet><item><instanceId>i-1</instanceId>
        <instanceType>m5.large</instanceType><metadataOptions><httpTokens>required</httpTokens>
        <httpPutResponseHopLimit>1</httpPutResponseHopLimit></metadataOptions><ebsOptimized>true</ebsOptimized>
        <tagSet><item><key>Name</key><value>node</value></item></tagSet></item></instancesSet></item></reservationSet>
        <nextToken>page-2</nextToken></DescribeInstancesResponse>
        """
    static let ec2Page2 = """
        <DescribeInstancesResponse><reservationSet><item><instancesSet><item><instanceId>i-2</instanceId>
        </item></instancesSet></item></reservationSet></DescribeInstancesResponse>
        """

    @Test func ec2QueryFlattensFiltersAndPagesAreMerged() async throws {
        let server = try FakeAWSServer([
            Rule(["action": "DescribeInstances", "bodyContains": "NextToken=page-2"], FakeAWSServer.response(200, Self.ec2Page2)),
            Rule(["action": "DescribeInstances"], FakeAWSServer.response(200, Self.ec2Page1)),
        ])
        defer { server.stop() }
        let result = await Self.client(server).paginate(
            "ec2", "DescribeInstances", ["Filters": [["Name": "vpc-id", "Values": ["vpc-1", "vpc-2"]]]]
        )
        #expect(result.error == nil)
        #expect(result.pages == 2)
        let instances = result.value?["Reservations"]?.array?.flatMap { $0["Instances"]?.array ?? [] } ?? []
        #expect(instances.map { $0["InstanceId"] } == ["i-1", "i-2"])
        #expect(instances.first?[path: "MetadataOptions.HttpPutResponseHopLimit"] == 1)
        #expect(instances.first?["EbsOptimized"] == true)
        #expect(instances.first?["Tags"] == [["Key": "Name", "Value": "node"]])
        let body = try #require(server.requests().first?["body"]?.string)
        #expect(body == "Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-1&Filter.1.Value.2=vpc-2")
    }

    /// ECR's scan findings page under `imageScanFindings.findings`: later pages join that inner list.
    @Test func nestedResultKeysAreMergedAcrossPages() async throws {
        let target = "AmazonEC2ContainerRegistry_V20150921.DescribeImageScanFindings"
        let server = try FakeAWSServer([
            Rule(["target": target, "bodyContains": "\"nextToken\":\"t2\""], FakeAWSServer.response(
                200, #"{"imageScanFindings":{"findings":[{"name":"CVE-2"}]},"imageScanStatus":{"status":"COMPLETE"}}"#)),
            Rule(["target": target], FakeAWSServer.response(
                200, #"{"imageScanFindings":{"findings":[{"name":"CVE-1"}],"findingSeverityCounts":{"HIGH":2}},"imageScanStatus":{"status":"COMPLETE"},"nextToken":"t2"}"#)),
        ])
        defer { server.stop() }
        let result = await Self.client(server).paginate(
            "ecr", "DescribeImageScanFindings", ["repositoryName": "app", "imageId": ["imageDigest": "sha256:ab"]]
        )
        #expect(result.error == nil)
        #expect(result.pages == 2)
        #expect(result.value?[path: "imageScanFindings.findings"] == [["name": "CVE-1"], ["name": "CVE-2"]])
        #expect(result.value?[path: "imageScanFindings.findingSeverityCounts.HIGH"] == 2)
        #expect(result.value?[path: "imageScanFindings.enhancedFindings"] == nil)
        #expect(result.value?["nextToken"] == nil)
    }

    /// App Mesh answers a Describe* with the payload member (the virtual node) as the whole body.
    @Test func restJSONPayloadMembersWrapTheBody() async throws {
        let server = try FakeAWSServer([
            Rule(["method": "GET", "path": "/v20190125/meshes/m1/virtualNodes/web"], FakeAWSServer.response(
                200, #"{"meshName":"m1","virtualNodeName":"web","spec":{"backendDefaults":{"clientPolicy":{"tls":{"enforce":true}}}}}"#)),
        ])
        defer { server.stop() }
        let answer = try await Self.client(server).call("appmesh", "DescribeVirtualNode", ["meshName": "m1", "virtualNodeName": "web"])
        #expect(answer[path: "virtualNode.virtualNodeName"] == "web")
        #expect(answer[path: "virtualNode.spec.backendDefaults.clientPolicy.tls.enforce"] == true)
    }

    @Test func queryProtocolReadsTheResultWrapperAndMemberLists() async throws {
        let xml = """
            <ListRolePoliciesResponse><ListRolePoliciesResult><PolicyNames><member>a</member><member>b</member>
            </PolicyNames><IsTruncated>false</IsTruncated></ListRolePoliciesResult>
            <ResponseMetadata><RequestId>req-9</RequestId></ResponseMetadata></ListRolePoliciesResponse>
            """
        let server = try FakeAWSServer([Rule(["action": "ListRolePolicies"], FakeAWSServer.response(200, xml))])
        defer { server.stop() }
        let answer = try await Self.client(server).call("iam", "ListRolePolicies", ["RoleName": "node"])
        #expect(answer["PolicyNames"] == ["a", "b"])
        #expect(answer["IsTruncated"] == false)
        let authorization = try #require(server.requests().first?[path: "headers.authorization"]?.string)
        #expect(authorization.contains("/us-east-1/iam/aws4_request"), "IAM is signed for the partition's global region")
    }

    @Test func jsonErrorsCarryCodeAndRequestIDAndAreNotRetried() async throws {
        let server = try FakeAWSServer([
            Rule(["path": "/clusters/x"], FakeAWSServer.response(
                403, #"{"message":"User is not authorized to perform eks:DescribeCluster"}"#,
                headers: ["x-amzn-ErrorType": "AccessDeniedException:http://internal.amazon.com/", "x-amzn-RequestId": "req-403"]
            )),
        ])
        defer { server.stop() }
        let error = await #expect(throws: AWSError.self) {
            try await Self.client(server).call("eks", "DescribeCluster", ["name": "x"])
        }
        #expect(error?.code == "AccessDeniedException")
        #expect(error?.requestID == "req-403")
        #expect(error?.httpStatus == 403)
        #expect(error?.operation == "DescribeCluster")
        #expect(error?.isAccessDenied == true)
        #expect(server.requests().count == 1)
    }

    @Test func ec2XMLErrorsAreRead() async throws {
        let xml = """
            <?xml version="1.0"?><Response><Errors><Error><Code>UnauthorizedOperation</Code>
            <Message>You are not authorized</Message></Error></Errors><RequestID>ec2-req</RequestID></Response>
            """
        let server = try FakeAWSServer([Rule(["action": "DescribeSubnets"], FakeAWSServer.response(403, xml))])
        defer { server.stop() }
        let error = await #expect(throws: AWSError.self) { try await Self.client(server).call("ec2", "DescribeSubnets") }
        #expect(error?.code == "UnauthorizedOperation")
        #expect(error?.message == "You are not authorized")
        #expect(error?.requestID == "ec2-req")
    }

    @Test func throttlingIsRetriedUntilItSucceeds() async throws {
        let throttled = FakeAWSServer.response(400, #"{"__type":"com.amazon#ThrottlingException","message":"Rate exceeded"}"#)
        let server = try FakeAWSServer([
            Rule(["target": "Logs_20140328.DescribeLogGroups"], throttled, throttled,
                 FakeAWSServer.response(200, #"{"logGroups":[{"logGroupName":"/aws/eks/x/cluster","retentionInDays":90}]}"#)),
        ])
        defer { server.stop() }
        let lines = LogLines()
        let answer = try await Self.client(server, attempts: 5, log: { lines.append($0) }).call("logs", "DescribeLogGroups")
        #expect(answer["logGroups"]?.array?.first?["retentionInDays"] == 90)
        #expect(server.requests().count == 3)
        #expect(lines.all.filter { $0.contains("ThrottlingException, retry") }.count == 2)
    }

    @Test func serverErrorsAreRetriedThenReported() async throws {
        let server = try FakeAWSServer([Rule(["action": "DescribeSubnets"], FakeAWSServer.response(500, "<Response><Errors><Error><Code>InternalError</Code></Error></Errors></Response>"))])
        defer { server.stop() }
        let error = await #expect(throws: AWSError.self) { try await Self.client(server, attempts: 3).call("ec2", "DescribeSubnets") }
        #expect(error?.code == "InternalError")
        #expect(server.requests().count == 3)
    }

    @Test func connectionResetsAreRetried() async throws {
        let server = try FakeAWSServer([
            Rule(["action": "GetCallerIdentity"], .object(["reset": true]), FakeAWSServer.response(200, """
                <GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account>
                <Arn>arn:aws:iam::123456789012:user/a</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>
                """)),
        ])
        defer { server.stop() }
        let answer = try await Self.client(server).call("sts", "GetCallerIdentity")
        #expect(answer["Account"] == "123456789012")
        #expect(server.requests().count == 2)
    }

    @Test func aFailedLaterPageKeepsTheEarlierPagesAndTheError() async throws {
        let server = try FakeAWSServer([
            Rule(["action": "DescribeInstances", "bodyContains": "NextToken"], FakeAWSServer.response(503, "<Response><Errors><Error><Code>Unavailable</Code></Error></Errors></Response>")),
            Rule(["action": "DescribeInstances"], FakeAWSServer.response(200, Self.ec2Page1)),
        ])
        defer { server.stop() }
        let result = await Self.client(server, attempts: 2).paginate("ec2", "DescribeInstances")
        #expect(result.pages == 1)
        #expect(result.error?.code == "Unavailable")
        #expect(result.value?["Reservations"]?.array?.count == 1)
    }

    @Test func aRepeatedPageTokenEndsPaginationWithAnError() async throws {
        let page = #"{"clusters":["a"],"nextToken":"same"}"#
        let server = try FakeAWSServer([Rule(["path": "/clusters"], FakeAWSServer.response(200, page))])
        defer { server.stop() }
        let result = await Self.client(server).paginate("eks", "ListClusters")
        #expect(result.error?.code == "PaginationLoop")
        #expect(result.value?["clusters"] == ["a", "a"])
    }

    @Test func slowAnswersTimeOut() async throws {
        let server = try FakeAWSServer([
            Rule(["path": "/clusters"], .object(["delay": 3, "status": 200, "body": "{}"])),
        ])
        defer { server.stop() }
        let error = await #expect(throws: AWSError.self) {
            try await Self.client(server, attempts: 1, timeout: .milliseconds(300)).call("eks", "ListClusters")
        }
        #expect(error?.kind == .timeout)
    }

    @Test func unreadableAnswersAreTypedErrors() async throws {
        let server = try FakeAWSServer([Rule(["path": "/clusters"], FakeAWSServer.response(200, "<html>proxy</html>"))])
        defer { server.stop() }
        let error = await #expect(throws: AWSError.self) { try await Self.client(server, attempts: 1).call("eks", "ListClusters") }
        #expect(error?.kind == .invalidResponse)
    }
}
