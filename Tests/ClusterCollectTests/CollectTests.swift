import AWSClient
import AWSTestSupport
import ClusterCollect
import ClusterSnapshot
import Foundation
import Testing

/// The collector against moto: an insecure and a hardened cluster, every created resource found
/// with its values, and the calls moto does not implement recorded as errors.
@Suite struct CollectTests {
    static func response(_ snapshot: ClusterSnapshot, _ service: String, _ operation: String,
                         _ matching: [String: JSONValue] = [:]) throws -> JSONValue {
        let call = try #require(snapshot.call(service, operation, matching: matching), "no \(service):\(operation) call")
        #expect(call.error == nil, "\(service):\(operation) failed: \(String(describing: call.error))")
        return try #require(call.response)
    }

    static func strings(_ value: JSONValue?) -> [String] { value?.array?.compactMap(\.string) ?? [] }

    @Test func insecureClusterIsCapturedWithItsValues() async throws {
        let scenario = try MotoScenario.scenario()["insecure"]!
        let name = try #require(scenario["name"]?.string)
        let snapshot = try await MotoScenario.collect(name)
        #expect(snapshot.accountID == "123456789012")
        #expect(snapshot.credentialSource == "environment")

        let cluster = try Self.response(snapshot, "eks", "DescribeCluster", ["name": .string(name)])["cluster"]
        #expect(cluster?["arn"] == scenario["arn"])
        #expect(cluster?["version"] == "1.29")
        #expect(cluster?[path: "resourcesVpcConfig.endpointPublicAccess"] == true)
        #expect(cluster?[path: "resourcesVpcConfig.publicAccessCidrs"] == ["0.0.0.0/0"])
        #expect(Set(Self.strings(cluster?[path: "resourcesVpcConfig.subnetIds"])) == Set(Self.strings(scenario["subnets"])))

        let nodegroup = try Self.response(snapshot, "eks", "DescribeNodegroup", ["nodegroupName": "ng-al2"])["nodegroup"]
        #expect(nodegroup?["amiType"] == "AL2_x86_64")
        #expect(nodegroup?[path: "remoteAccess.ec2SshKey"] == "ops-key")
        #expect(nodegroup?["nodeRole"] == scenario["nodeRole"])

        let tables = try Self.response(snapshot, "ec2", "DescribeRouteTables")["RouteTables"]?.array ?? []
        let table = try #require(tables.first { $0["RouteTableId"] == scenario["routeTable"] })
        #expect(table["Routes"]?.array?.contains { $0["DestinationCidrBlock"] == "0.0.0.0/0" && $0["GatewayId"] == scenario["internetGateway"] } == true)
        #expect(Set(table["Associations"]?.array?.compactMap { $0["SubnetId"]?.string } ?? []) == Set(Self.strings(scenario["subnets"])))

        let subnets = try Self.response(snapshot, "ec2", "DescribeSubnets")["Subnets"]?.array ?? []
        #expect(Set(subnets.compactMap { $0["SubnetId"]?.string }) == Set(Self.strings(scenario["subnets"])))
        #expect(subnets.allSatisfy { $0["MapPublicIpOnLaunch"] == true && $0["VpcId"] == scenario["vpc"] })

        let groupFilter: JSONValue = [["Name": "group-id", "Values": [scenario["securityGroup"]!]]]
        let rules = try Self.response(snapshot, "ec2", "DescribeSecurityGroupRules", ["Filters": groupFilter])["SecurityGroupRules"]?.array ?? []
        #expect(rules.contains {
            $0["GroupId"] == scenario["securityGroup"] && $0["FromPort"] == 22 && $0["CidrIpv4"] == "0.0.0.0/0" && $0["IsEgress"] == false
        })

        let repositoryName = try #require(scenario["repository"])
        let repositories = try Self.response(snapshot, "ecr", "DescribeRepositories")["repositories"]?.array ?? []
        let repository = try #require(repositories.first { $0["repositoryName"] == repositoryName })
        #expect(repository["imageTagMutability"] == "MUTABLE")
        #expect(repository[path: "imageScanningConfiguration.scanOnPush"] == false)
        let policy = try Self.response(snapshot, "ecr", "GetRepositoryPolicy", ["repositoryName": repositoryName])
        let policyJSON = try #require(JSONValue.parse(Data((policy["policyText"]?.string ?? "").utf8)))
        #expect(policyJSON["Statement"]?.array?.first?["Principal"] == "*")

        let role = try Self.response(snapshot, "iam", "GetRole", ["RoleName": .string("\(name)-cluster")])
        let trust = try #require(JSONValue.parse(Data((role[path: "Role.AssumeRolePolicyDocument"]?.string ?? "").utf8)),
                                 "the trust policy is stored URL-decoded, as JSON")
        #expect(trust["Statement"]?.array?.first?[path: "Principal.Service"] == ["eks.amazonaws.com", "ec2.amazonaws.com"])
        let attached = try Self.response(snapshot, "iam", "ListAttachedRolePolicies", ["RoleName": .string("\(name)-node")])
        #expect(attached["AttachedPolicies"]?.array?.first?["PolicyName"] == .string("managed-\(name)-node"))
        let managedARN = try #require(attached["AttachedPolicies"]?.array?.first?["PolicyArn"])
        let version = try Self.response(snapshot, "iam", "GetPolicyVersion", ["PolicyArn": managedARN])
        #expect(JSONValue.parse(Data((version[path: "PolicyVersion.Document"]?.string ?? "").utf8))?["Statement"]?.array?.first?["Action"] == "eks:Describe*",
                "managed policy documents are stored URL-decoded")
        let inline = try Self.response(snapshot, "iam", "GetRolePolicy", ["RoleName": .string("\(name)-node")])
        #expect(JSONValue.parse(Data((inline["PolicyDocument"]?.string ?? "").utf8))?["Statement"]?.array?.first?["Action"] == "ec2:Describe*")

        let oidc = try #require(MotoScenario.scenario()["oidcProvider"])
        let providers = try Self.response(snapshot, "iam", "ListOpenIDConnectProviders")["OpenIDConnectProviderList"]?.array ?? []
        #expect(providers.contains { $0["Arn"] == oidc })
        let provider = try Self.response(snapshot, "iam", "GetOpenIDConnectProvider", ["OpenIDConnectProviderArn": oidc])
        #expect(provider["ClientIDList"] == ["sts.amazonaws.com"])
    }

    @Test func hardenedClusterIsCapturedWithItsValues() async throws {
        let scenario = try MotoScenario.scenario()["hardened"]!
        let name = try #require(scenario["name"]?.string)
        let snapshot = try await MotoScenario.collect(name)

        let cluster = try Self.response(snapshot, "eks", "DescribeCluster")["cluster"]
        #expect(cluster?[path: "resourcesVpcConfig.endpointPublicAccess"] == false)
        #expect(cluster?[path: "resourcesVpcConfig.endpointPrivateAccess"] == true)
        let logging = cluster?[path: "logging.clusterLogging"]?.array?.first { $0["enabled"] == true }
        #expect(Set(Self.strings(logging?["types"])) == ["api", "audit", "authenticator", "controllerManager", "scheduler"])
        #expect(cluster?["encryptionConfig"]?.array?.first?[path: "provider.keyArn"] == scenario["kmsKey"])

        let key = try Self.response(snapshot, "kms", "DescribeKey", ["KeyId": scenario["kmsKey"]!])
        #expect(key[path: "KeyMetadata.KeyState"] == "Enabled")
        _ = try Self.response(snapshot, "kms", "GetKeyRotationStatus")

        let nodegroup = try Self.response(snapshot, "eks", "DescribeNodegroup", ["nodegroupName": "ng-lt"])["nodegroup"]
        #expect(nodegroup?[path: "launchTemplate.id"] == scenario["launchTemplate"])
        let versions = try Self.response(snapshot, "ec2", "DescribeLaunchTemplateVersions")["LaunchTemplateVersions"]?.array ?? []
        let data = try #require(versions.first?["LaunchTemplateData"])
        #expect(data["ImageId"] == scenario["image"])
        #expect(data[path: "MetadataOptions.HttpTokens"] == "required")
        #expect(data[path: "MetadataOptions.HttpPutResponseHopLimit"] == 1)
        let images = try Self.response(snapshot, "ec2", "DescribeImages")["Images"]?.array ?? []
        #expect(images.contains { $0["ImageId"] == scenario["image"] })
        let types = try Self.response(snapshot, "ec2", "DescribeInstanceTypes")["InstanceTypes"]?.array ?? []
        #expect(types.contains { $0["InstanceType"] == "m5.large" })

        let tables = try Self.response(snapshot, "ec2", "DescribeRouteTables")["RouteTables"]?.array ?? []
        let table = try #require(tables.first { $0["RouteTableId"] == scenario["routeTable"] })
        #expect(table["Routes"]?.array?.contains { $0["NatGatewayId"] == scenario["natGateway"] } == true)
        #expect(table["Routes"]?.array?.contains { $0["GatewayId"]?.string?.hasPrefix("igw-") == true } == false)

        let repositoryName = try #require(scenario["repository"])
        let repositories = try Self.response(snapshot, "ecr", "DescribeRepositories")["repositories"]?.array ?? []
        let repository = try #require(repositories.first { $0["repositoryName"] == repositoryName })
        #expect(repository["imageTagMutability"] == "IMMUTABLE")
        #expect(repository[path: "imageScanningConfiguration.scanOnPush"] == true)
        let lifecycle = try Self.response(snapshot, "ecr", "GetLifecyclePolicy", ["repositoryName": repositoryName])
        #expect(lifecycle["lifecyclePolicyText"]?.string?.contains("sinceImagePushed") == true)
        let noPolicy = snapshot.call("ecr", "GetRepositoryPolicy", matching: ["repositoryName": repositoryName])?.error
        #expect(noPolicy?.code == "RepositoryPolicyNotFoundException")
        #expect(noPolicy?.meansAbsent == true)
    }

    /// moto answers 404 for add-ons, access entries and Pod Identity, and 500 for SSM instance
    /// information: the snapshot must say so, with no answer that a check could read as "none".
    @Test func callsMotoLacksAreRecordedAsErrors() async throws {
        let name = try #require(MotoScenario.scenario()[path: "insecure.name"]?.string)
        let snapshot = try await MotoScenario.collect(name)
        for (service, operation) in [("eks", "ListAddons"), ("eks", "ListAccessEntries"), ("eks", "ListPodIdentityAssociations"),
                                     ("ssm", "DescribeInstanceInformation")] {
            let call = try #require(snapshot.call(service, operation), "\(service):\(operation) was not attempted")
            #expect(call.error != nil, "\(service):\(operation) should be a recorded error")
            #expect(call.response == nil)
            #expect(snapshot.failedCalls.contains(call))
        }
        let roundTrip = try ClusterSnapshot.decode(snapshot.encoded(), source: "round trip")
        #expect(roundTrip == snapshot)
    }

    @Test func noSecretInTheSnapshotOrTheProgressLines() async throws {
        let name = try #require(MotoScenario.scenario()[path: "insecure.name"]?.string)
        let lines = LogLines()
        let snapshot = try await MotoScenario.collect(name) { lines.append($0) }
        let everything = String(decoding: snapshot.encoded(), as: UTF8.self) + lines.all.joined(separator: "\n")
        #expect(!lines.all.isEmpty)
        for secret in [MotoScenario.secretKey, MotoScenario.sessionToken, MotoScenario.accessKey] {
            #expect(!everything.contains(secret))
        }
    }
}
