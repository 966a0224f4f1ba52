import AWSTestSupport
import ClusterCollect
import ClusterSnapshot
import Foundation
import Testing

/// The calls the audit's checks added to the collection plan, against moto: what moto answers is
/// in the snapshot, and what it lacks is a recorded error, never an empty answer.
@Suite struct AuditCallsTests {
    static let foreignRole = "arn:aws:iam::999988887777:role/elsewhere"
    static let foreignImage = "999988887777.dkr.ecr.us-east-1.amazonaws.com/base@sha256:" + String(repeating: "c", count: 64)

    static func insecureInputs(_ scenario: JSONValue) throws -> CollectInputs {
        let uri = try #require(scenario["repositoryURI"]?.string)
        let running = try #require(scenario["runningDigest"]?.string)
        let images = try [uri + "@" + running, foreignImage].map { try #require(ECRImageReference.parse($0)) }
        return CollectInputs(roleARNs: [try #require(scenario["annotatedRole"]?.string), foreignRole], images: Set(images))
    }

    static func failed(_ snapshot: ClusterSnapshot, _ service: String, _ operation: String,
                       _ matching: [String: JSONValue] = [:]) throws -> RecordedError {
        let call = try #require(snapshot.call(service, operation, matching: matching), "\(service):\(operation) was not attempted")
        #expect(call.response == nil, "\(service):\(operation) has an answer next to its error")
        return try #require(call.error, "\(service):\(operation) should be a recorded error")
    }

    @Test func insecureClusterNewCalls() async throws {
        let scenario = try MotoScenario.scenario()["insecure"]!
        let name = try #require(scenario["name"]?.string)
        let snapshot = try await MotoScenario.collect(name, inputs: Self.insecureInputs(scenario))

        // EKS: versions and insights are not in moto (404).
        #expect(try Self.failed(snapshot, "eks", "DescribeClusterVersions", ["clusterVersions": ["1.29"]]).code == "HTTP404")
        #expect(try Self.failed(snapshot, "eks", "ListInsights").code == "HTTP404")
        #expect(snapshot.calls("eks", "DescribeInsight").isEmpty, "no insight was listed")

        // EC2: the prefix list a rule names is resolved; VPC encryption controls answer 500 in moto.
        let entries = try CollectTests.response(snapshot, "ec2", "GetManagedPrefixListEntries", ["PrefixListId": scenario["prefixList"]!])
        #expect(entries["Entries"]?.array?.contains { $0["Cidr"] == "198.51.100.0/24" } == true)
        #expect(try Self.failed(snapshot, "ec2", "DescribeVpcEncryptionControls", ["VpcIds": [scenario["vpc"]!]]).httpStatus == 500)
        #expect(snapshot.calls("ec2", "GetVpcResourcesBlockingEncryptionEnforcement").isEmpty, "no control was read")

        // SSM: the AL2 x86_64 node group asks for both x86_64 releases; moto has no such public parameter.
        for parameter in [
            "/aws/service/eks/optimized-ami/1.29/amazon-linux-2023/x86_64/standard/recommended/release_version",
            "/aws/service/bottlerocket/aws-k8s-1.29/x86_64/latest/image_version",
        ] {
            #expect(try Self.failed(snapshot, "ssm", "GetParameter", ["Name": .string(parameter)]).code == "ParameterNotFound")
        }
        #expect(snapshot.calls("ssm", "GetParameter").count == 2, "no arm64 node runs in this cluster")

        // ECR: the running digest is described; the latest push has a scan, the running image none.
        #expect(try Self.failed(snapshot, "ecr", "GetAccountSetting", ["name": "BASIC_SCAN_TYPE_VERSION"]).httpStatus == 500)
        let repository = try #require(scenario["repository"])
        let running = try #require(scenario["runningDigest"])
        let described = try CollectTests.response(
            snapshot, "ecr", "DescribeImages", ["repositoryName": repository, "imageIds": [["imageDigest": running]]])
        #expect(described["imageDetails"]?.array?.map { $0["imageDigest"] } == [running])
        let latest = try CollectTests.response(
            snapshot, "ecr", "DescribeImageScanFindings", ["repositoryName": repository, "imageId": ["imageDigest": scenario["latestDigest"]!]])
        #expect(latest[path: "imageScanStatus.status"] == "COMPLETE")
        let unscanned = try Self.failed(snapshot, "ecr", "DescribeImageScanFindings", ["repositoryName": repository, "imageId": ["imageDigest": running]])
        #expect(unscanned.code == "ScanNotFoundException")
        #expect(try Self.failed(snapshot, "inspector2", "GetConfiguration").code == "HTTP404")

        // No log group for this cluster: no filter calls.
        #expect(snapshot.calls("logs", "DescribeMetricFilters").isEmpty)

        // App Mesh: mesh → virtual nodes → each node described.
        let mesh = try #require(scenario["mesh"])
        let meshes = try CollectTests.response(snapshot, "appmesh", "ListMeshes")["meshes"]?.array ?? []
        #expect(meshes.contains { $0["meshName"] == mesh })
        let node = try CollectTests.response(snapshot, "appmesh", "DescribeVirtualNode", ["meshName": mesh, "virtualNodeName": "web"])
        #expect(node[path: "virtualNode.spec.serviceDiscovery.dns.hostname"] == "web.default.svc.cluster.local")

        // IAM: the IRSA role (found through its trust) and the annotated role are read, the look-alike is not.
        _ = try CollectTests.response(snapshot, "iam", "ListRoles")
        for role in ["irsa", "sa"] {
            let read = try CollectTests.response(snapshot, "iam", "GetRole", ["RoleName": .string("\(name)-\(role)")])
            #expect(read[path: "Role.Arn"] == scenario[role == "irsa" ? "irsaRole" : "annotatedRole"])
            _ = try CollectTests.response(snapshot, "iam", "ListAttachedRolePolicies", ["RoleName": .string("\(name)-\(role)")])
        }
        #expect(snapshot.call("iam", "GetRole", matching: ["RoleName": .string("\(name)-lookalike")]) == nil)
        let irsa = try CollectTests.response(snapshot, "iam", "GetRole", ["RoleName": .string("\(name)-irsa")])
        let trust = JSONValue.parse(Data((irsa[path: "Role.AssumeRolePolicyDocument"]?.string ?? "").utf8))
        let federated = try #require(trust?["Statement"]?.array?.first?[path: "Principal.Federated"]?.string)
        let issuer = try #require(CollectTests.response(snapshot, "eks", "DescribeCluster")[path: "cluster.identity.oidc.issuer"]?.string)
        #expect(federated == "arn:aws:iam::123456789012:oidc-provider/" + issuer.dropFirst("https://".count), "the stored trust is decoded JSON")

        // Inputs of another account are listed as skipped, with why, and not looked up.
        let skipped = snapshot.skipped ?? []
        #expect(skipped.contains { $0.kind == "iamRole" && $0.input == Self.foreignRole && $0.reason.contains("account 999988887777") })
        #expect(skipped.contains { $0.kind == "ecrImage" && $0.input == Self.foreignImage && $0.reason.contains("account 999988887777") })
        #expect(snapshot.call("iam", "GetRole", matching: ["RoleName": "elsewhere"]) == nil)
        #expect(snapshot.call("ecr", "DescribeImages", matching: ["repositoryName": "base"]) == nil)
        #expect(try ClusterSnapshot.decode(snapshot.encoded(), source: "round trip") == snapshot)
    }

    @Test func hardenedClusterLogFilters() async throws {
        let scenario = try MotoScenario.scenario()["hardened"]!
        let name = try #require(scenario["name"]?.string)
        let snapshot = try await MotoScenario.collect(name)
        let group = try #require(scenario["logGroup"])
        let filters = try CollectTests.response(snapshot, "logs", "DescribeMetricFilters", ["logGroupName": group])
        #expect(filters["metricFilters"]?.array?.first?["filterName"] == "auth-failures")
        let subscriptions = try CollectTests.response(snapshot, "logs", "DescribeSubscriptionFilters", ["logGroupName": group])
        #expect(subscriptions["subscriptionFilters"] == [])
        #expect(try Self.failed(snapshot, "eks", "DescribeClusterVersions", ["clusterVersions": ["1.31"]]).code == "HTTP404")
        let unscanned = try Self.failed(
            snapshot, "ecr", "DescribeImageScanFindings", ["repositoryName": scenario["repository"]!, "imageId": ["imageDigest": scenario["latestDigest"]!]])
        #expect(unscanned.code == "ScanNotFoundException")
        #expect(snapshot.skipped == nil, "no inputs, nothing skipped")
    }

    /// What moto lacks, answered by a proxy in front of it: each listed insight is described, and a
    /// VPC with an encryption control gets its blocking resources read.
    @Test func insightsAndEncryptionControlsAreFollowed() async throws {
        let scenario = try MotoScenario.scenario()["insecure"]!
        let name = try #require(scenario["name"]?.string)
        let vpc = try #require(scenario["vpc"]?.string)
        let controls = """
            <DescribeVpcEncryptionControlsResponse><vpcEncryptionControlSet><item><vpcId>\(vpc)</vpcId>
            <vpcEncryptionControlId>vpcec-1</vpcEncryptionControlId><mode>monitor</mode><state>available</state></item>
            </vpcEncryptionControlSet></DescribeVpcEncryptionControlsResponse>
            """
        let blocking = """
            <GetVpcResourcesBlockingEncryptionEnforcementResponse><nonCompliantResourceSet/></GetVpcResourcesBlockingEncryptionEnforcementResponse>
            """
        let proxy = try FakeAWSServer([
            FakeAWSServer.Rule(["method": "POST", "path": "/clusters/\(name)/insights"],
                               FakeAWSServer.response(200, #"{"insights":[{"id":"ins-1","category":"UPGRADE_READINESS"}]}"#)),
            FakeAWSServer.Rule(["method": "GET", "path": "/clusters/\(name)/insights/ins-1"],
                               FakeAWSServer.response(200, #"{"insight":{"id":"ins-1","insightStatus":{"status":"WARNING"}}}"#)),
            FakeAWSServer.Rule(["action": "DescribeVpcEncryptionControls"], FakeAWSServer.response(200, controls)),
            FakeAWSServer.Rule(["action": "GetVpcResourcesBlockingEncryptionEnforcement"], FakeAWSServer.response(200, blocking)),
        ], upstream: MotoScenario.environment("EKSGUARD_MOTO_URL"))
        defer { proxy.stop() }
        let snapshot = try await MotoScenario.collect(name, endpoint: proxy.url)
        let insight = try CollectTests.response(snapshot, "eks", "DescribeInsight", ["clusterName": .string(name), "id": "ins-1"])
        #expect(insight[path: "insight.insightStatus.status"] == "WARNING")
        let read = try CollectTests.response(snapshot, "ec2", "DescribeVpcEncryptionControls", ["VpcIds": [.string(vpc)]])
        #expect(read["VpcEncryptionControls"]?.array?.first?["Mode"] == "monitor")
        _ = try CollectTests.response(snapshot, "ec2", "GetVpcResourcesBlockingEncryptionEnforcement", ["VpcId": .string(vpc)])
    }
}
