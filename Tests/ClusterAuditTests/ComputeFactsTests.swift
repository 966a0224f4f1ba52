@testable import ClusterAudit
import ClusterSnapshot
import EKSGuardCore
import Foundation
import Testing

/// The EC2 helpers cluster checks share, fed hostile and edge-case input.
@Suite struct ComputeFactsTests {
    private func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    @Test func userDataRejectsBadBase64WithItsName() {
        #expect(throws: UserData.Invalid(description: "lt-1: user data is not valid base64")) {
            try UserData.decode("%%%not base64%%%", name: "lt-1")
        }
    }

    @Test func userDataRefusesOversizedInputBeforeDecoding() {
        let huge = String(repeating: "QUFB", count: UserData.maxEncodedLength)
        #expect(throws: UserData.Invalid.self) { try UserData.decode(huge, name: "lt-1") }
        if case .failure(let gap) = UserData.read(huge, name: "lt-1") {
            #expect(gap.reason.contains("over the"))
        } else {
            Issue.record("huge user data must be refused")
        }
    }

    @Test func userDataRefusesGzipAndBinary() {
        let gzip = Data([0x1f, 0x8b, 0x08, 0x00, 0x01]).base64EncodedString()
        #expect(throws: UserData.Invalid(description: "x: user data is gzip-compressed, which eksguard does not expand; check it by hand")) {
            try UserData.decode(gzip, name: "x")
        }
        let binary = Data([0xff, 0xfe, 0xfd]).base64EncodedString()
        #expect(throws: UserData.Invalid(description: "x: user data is not UTF-8 text")) { try UserData.decode(binary, name: "x") }
    }

    @Test func plainScriptIsOnePart() throws {
        let parts = try UserData.parts("#!/bin/bash\necho hi\n", name: "x")
        #expect(parts == [UserData.Part(contentType: "text/plain", body: "#!/bin/bash\necho hi\n")])
    }

    @Test func multipartSplitsAndDecodesBase64Parts() throws {
        let text = """
            MIME-Version: 1.0
            Content-Type: multipart/mixed;
             boundary="XYZ"

            --XYZ
            Content-Type: application/node.eks.aws

            kind: NodeConfig
            --XYZ
            Content-Type: text/x-shellscript
            Content-Transfer-Encoding: base64

            \(base64("systemctl enable sshd\n"))
            --XYZ--
            trailing epilogue is ignored
            """
        let parts = try UserData.parts(text, name: "x")
        #expect(parts.map(\.contentType) == ["application/node.eks.aws", "text/x-shellscript"])
        #expect(parts[1].body == "systemctl enable sshd\n")
    }

    @Test(arguments: [
        ("MIME-Version: 1.0\nContent-Type: multipart/mixed\n\n--X\nhi\n", "without a boundary parameter"),
        ("Content-Type: multipart/mixed; boundary=\"B\"\n\nno delimiter here\n", "never uses its boundary"),
        ("Content-Type: multipart/mixed; boundary=B\n\n--B\nContent-Transfer-Encoding: base64\n\n!!!!\n--B--\n", "part 1: user data is not valid base64"),
    ])
    func malformedMultipartIsAClearError(_ input: String, _ expected: String) {
        let error = #expect(throws: UserData.Invalid.self) { try UserData.parts(input, name: "lt-9") }
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "no error")")
        #expect(error?.description.hasPrefix("lt-9") == true)
    }

    @Test func tooManyPartsAreRefused() {
        let body = (0...UserData.maxParts).map { "--B\nContent-Type: text/plain\n\npart \($0)\n" }.joined()
        let text = "Content-Type: multipart/mixed; boundary=B\n\n" + body + "--B--\n"
        #expect(throws: UserData.Invalid.self) { try UserData.parts(text, name: "x") }
    }

    @Test func bottlerocketSettingsFlattenTablesAndDottedKeys() throws {
        let toml = """
            # comment
            [settings.kubernetes]
            cluster-name = "demo" # trailing comment
            [settings."host-containers".admin]
            enabled = true
            settings.host-containers.control.enabled = false
            """
        let values = try BottlerocketSettings.parse(toml, name: "x").get()
        #expect(values["settings.kubernetes.cluster-name"] == "demo")
        #expect(values["settings.host-containers.admin.enabled"] == "true")
        #expect(values["settings.host-containers.admin.settings.host-containers.control.enabled"] == "false")
    }

    @Test func bottlerocketSettingsRejectGarbage() {
        guard case .failure(let gap) = BottlerocketSettings.parse("[settings.kubernetes\nenabled", name: "lt-2") else {
            Issue.record("unclosed table accepted")
            return
        }
        #expect(gap.reason == "lt-2: line 1 opens a TOML table without closing it")
        let long = String(repeating: "a = 1\n", count: BottlerocketSettings.maxLines + 1)
        guard case .failure = BottlerocketSettings.parse(long, name: "x") else {
            Issue.record("oversized settings accepted")
            return
        }
    }

    @Test(arguments: [
        ("0.0.0.0/0", true), ("::/0", true), ("0:0:0:0:0:0:0:0/0", true), (" 0.0.0.0/0", true),
        ("0.0.0.0/1", false), ("10.0.0.0/8", false), ("::/1", false), ("garbage", false), ("0.0.0.0/999", false),
    ])
    func anyAddressCIDRs(_ cidr: String, _ any: Bool) {
        #expect(CIDR.isAnyAddress(cidr) == any)
    }

    @Test func ruleProtocolsAndPorts() {
        func rule(_ fields: JSONValue) -> IngressRule { IngressRule(groupID: "sg", ruleID: "r", rule: fields) }
        #expect(rule(["IpProtocol": "-1"]).opensTCP(22))
        #expect(rule(["IpProtocol": "tcp", "FromPort": 0, "ToPort": 1024]).opensTCP(22))
        #expect(!rule(["IpProtocol": "tcp", "FromPort": 23, "ToPort": 80]).opensTCP(22))
        #expect(!rule(["IpProtocol": "udp", "FromPort": 22, "ToPort": 22]).opensTCP(22))
        #expect(rule(["IpProtocol": "6", "FromPort": -1, "ToPort": -1]).opensTCP(22))
        #expect(rule(["IpProtocol": "icmp", "FromPort": 8, "ToPort": 0]).ports == nil)
        #expect(rule(["IpProtocol": "tcp", "FromPort": 90, "ToPort": 80]).ports == nil, "an inverted range opens nothing")
    }

    private func facts(_ calls: [APICall]) -> AWSFacts {
        AWSFacts(ClusterSnapshot(generator: "test", collectedAt: "2026-11-01T00:00:00Z", clusterName: "demo", region: "us-east-1", calls: calls))
    }

    @Test func subnetFallsBackToTheMainRouteTableAndIgnoresBlackholes() throws {
        let aws = facts([
            APICall(service: "ec2", operation: "DescribeSubnets", parameters: [:], response: ["Subnets": [["SubnetId": "subnet-1", "VpcId": "vpc-1"], ["SubnetId": "subnet-2", "VpcId": "vpc-1"]]]),
            APICall(service: "ec2", operation: "DescribeRouteTables", parameters: [:], response: ["RouteTables": [
                ["RouteTableId": "rtb-main", "VpcId": "vpc-1", "Associations": [["Main": true]],
                 "Routes": [["DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"]]],
                ["RouteTableId": "rtb-2", "VpcId": "vpc-1", "Associations": [["SubnetId": "subnet-2"]],
                 "Routes": [["DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "blackhole"],
                            ["DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-1"]]],
            ]]),
        ])
        let first = try aws.exposure(ofSubnet: "subnet-1").get()
        #expect(first.isPublic && first.mainTable && first.routeTableID == "rtb-main")
        let second = try aws.exposure(ofSubnet: "subnet-2").get()
        #expect(!second.isPublic && !second.mainTable)
        guard case .failure(let gap) = aws.exposure(ofSubnet: "subnet-9") else {
            Issue.record("unknown subnet judged")
            return
        }
        #expect(gap.reason.contains("subnet-9"))
    }

    @Test func launchTemplateVersionsResolveDefaultLatestAndNumbers() throws {
        let aws = facts([APICall(service: "ec2", operation: "DescribeLaunchTemplateVersions", parameters: [:], response: ["LaunchTemplateVersions": [
            ["LaunchTemplateId": "lt-1", "VersionNumber": 1, "DefaultVersion": true, "LaunchTemplateData": ["KeyName": "one"]],
            ["LaunchTemplateId": "lt-1", "VersionNumber": 3, "LaunchTemplateData": ["KeyName": "three"]],
            ["LaunchTemplateId": "lt-1", "VersionNumber": 2, "LaunchTemplateData": ["KeyName": "two"]],
        ]])])
        func key(_ version: String?) throws -> String? {
            try aws.launchTemplateVersion(LaunchTemplateRef(["id": "lt-1", "version": version.map(JSONValue.string) ?? .null])!).get()[path: "LaunchTemplateData.KeyName"]?.string
        }
        #expect(try key(nil) == "one")
        #expect(try key("$Default") == "one")
        #expect(try key("$Latest") == "three")
        #expect(try key("2") == "two")
        #expect(throws: DataGap.self) { try key("7") }
    }

    @Test func nodeAMIFamiliesFromNamesAndTypes() throws {
        #expect(NodeOSFamily.of(imageName: "amazon-eks-node-1.31-v20250110") == .al2)
        #expect(NodeOSFamily.of(imageName: "amazon-eks-gpu-node-1.30-v20241024") == .al2)
        #expect(NodeOSFamily.of(imageName: "amazon-eks-node-al2023-arm64-standard-1.33-v20261001") == .al2023)
        #expect(NodeOSFamily.of(imageName: "bottlerocket-aws-k8s-1.33-nvidia-aarch64-v1.40.0-2a1b") == .bottlerocket)
        #expect(NodeOSFamily.of(imageName: "amazon-eks-node-hardened") == nil)
        #expect(try NodeOSFamily.of(amiType: "AL2_ARM_64").get() == .al2)
        #expect(try NodeOSFamily.of(amiType: "CUSTOM").get() == nil)
        #expect(throws: DataGap.self) { try NodeOSFamily.of(amiType: "AL2_ARM_64_FUTURE").get() }
    }
}
