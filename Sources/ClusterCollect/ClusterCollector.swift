import AWSClient
import ClusterSnapshot
import Foundation

/// Reads the AWS side of one EKS cluster into a `ClusterSnapshot`, with read-only calls only
/// (the catalog's collection plan). Independent groups of calls run concurrently; the client
/// bounds how many requests are in flight. Every call is recorded, failed ones with their error,
/// and a failure never stops the calls that do not depend on it.
public struct ClusterCollector: Sendable {
    public var client: AWSClient
    public var clusterName: String
    public var generator: String
    public var credentialSource: String?
    /// Roles and images the cluster's Kubernetes objects name, looked up beside the plan's calls.
    public var inputs: CollectInputs
    public var progress: @Sendable (String) -> Void

    public init(
        client: AWSClient, clusterName: String, generator: String, credentialSource: String? = nil,
        inputs: CollectInputs = CollectInputs(), progress: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.client = client
        self.clusterName = clusterName
        self.generator = generator
        self.credentialSource = credentialSource
        self.inputs = inputs
        self.progress = progress
    }

    public func collect(now: Date = Date()) async -> ClusterSnapshot {
        let recorder = CallRecorder(client: client, progress: progress)
        let identity = await recorder.call("sts", "GetCallerIdentity")
        let name: JSONValue = .string(clusterName)
        let cluster = await recorder.call("eks", "DescribeCluster", ["name": name])?["cluster"]
        let accountID = identity?["Account"]?.string
        let given = inputs.partition(account: accountID, region: client.region)

        async let eks = collectEKSChildren(recorder, cluster: cluster)
        async let registry = collectRegistry(recorder, runningImages: given.images)
        async let account = collectAccountServices(recorder, cluster: cluster)
        var children = await eks
        await registry
        await account
        children.roleARNs.formUnion(given.roleARNs)
        await collectCompute(recorder, cluster: cluster, children: children)

        var calls = await recorder.calls
        calls.sort { Self.sortKey($0) < Self.sortKey($1) }
        return ClusterSnapshot(
            generator: generator, collectedAt: ISO8601DateFormatter().string(from: now), clusterName: clusterName,
            region: client.region, accountID: accountID, callerARN: identity?["Arn"]?.string,
            credentialSource: credentialSource, calls: calls, skipped: given.skipped.isEmpty ? nil : given.skipped
        )
    }

    /// What the EKS child resources point at, for the EC2/IAM calls that follow.
    struct EKSChildren {
        var nodegroups: [JSONValue] = []
        var roleARNs: Set<String> = []
    }

    private func collectEKSChildren(_ recorder: CallRecorder, cluster: JSONValue?) async -> EKSChildren {
        let name: JSONValue = .string(clusterName)
        var children = EKSChildren()
        if let version = cluster?["version"]?.string {
            await recorder.call("eks", "DescribeClusterVersions", ["clusterVersions": [.string(version)]])
        }
        for nodegroupName in await list(recorder, "eks", "ListNodegroups", ["clusterName": name], key: "nodegroups") {
            let nodegroup = await recorder.call("eks", "DescribeNodegroup", ["clusterName": name, "nodegroupName": .string(nodegroupName)])
            if let nodegroup = nodegroup?["nodegroup"] {
                children.nodegroups.append(nodegroup)
                if let role = nodegroup["nodeRole"]?.string { children.roleARNs.insert(role) }
            }
        }
        for profileName in await list(recorder, "eks", "ListFargateProfiles", ["clusterName": name], key: "fargateProfileNames") {
            let profile = await recorder.call("eks", "DescribeFargateProfile", ["clusterName": name, "fargateProfileName": .string(profileName)])
            if let role = profile?[path: "fargateProfile.podExecutionRoleArn"]?.string { children.roleARNs.insert(role) }
        }
        for addon in await list(recorder, "eks", "ListAddons", ["clusterName": name], key: "addons") {
            let described = await recorder.call("eks", "DescribeAddon", ["clusterName": name, "addonName": .string(addon)])
            if let role = described?[path: "addon.serviceAccountRoleArn"]?.string { children.roleARNs.insert(role) }
        }
        for principal in await list(recorder, "eks", "ListAccessEntries", ["clusterName": name], key: "accessEntries") {
            await recorder.call("eks", "DescribeAccessEntry", ["clusterName": name, "principalArn": .string(principal)])
            await recorder.call("eks", "ListAssociatedAccessPolicies", ["clusterName": name, "principalArn": .string(principal)])
            if principal.contains(":role/") { children.roleARNs.insert(principal) }
        }
        let associations = await recorder.call("eks", "ListPodIdentityAssociations", ["clusterName": name])?["associations"]?.array ?? []
        for association in associations {
            guard let id = association["associationId"]?.string else { continue }
            let described = await recorder.call("eks", "DescribePodIdentityAssociation", ["clusterName": name, "associationId": .string(id)])
            if let role = described?[path: "association.roleArn"]?.string { children.roleARNs.insert(role) }
        }
        let insights = await recorder.call("eks", "ListInsights", ["clusterName": name])?["insights"]?.array ?? []
        for id in insights.compactMap({ $0["id"]?.string }) {
            await recorder.call("eks", "DescribeInsight", ["clusterName": name, "id": .string(id)])
        }
        return children
    }

    private func collectRegistry(_ recorder: CallRecorder, runningImages: [ECRImageReference]) async {
        await recorder.call("ecr", "GetRegistryScanningConfiguration")
        await recorder.call("ecr", "GetAccountSetting", ["name": "BASIC_SCAN_TYPE_VERSION"])
        let repositories = await recorder.call("ecr", "DescribeRepositories")?["repositories"]?.array ?? []
        let names = repositories.compactMap { $0["repositoryName"]?.string }
        for chunk in stride(from: 0, to: names.count, by: 25).map({ Array(names[$0..<min($0 + 25, names.count)]) }) {
            await recorder.call("ecr", "BatchGetRepositoryScanningConfiguration", ["repositoryNames": .array(chunk.map(JSONValue.string))])
        }
        let latest = await Self.concurrentMap(names) { repository -> ImageOfInterest? in
            let name: JSONValue = .string(repository)
            await recorder.call("ecr", "GetRepositoryPolicy", ["repositoryName": name])
            await recorder.call("ecr", "GetLifecyclePolicy", ["repositoryName": name])
            let images = await recorder.call("ecr", "DescribeImages", ["repositoryName": name])?["imageDetails"]?.array ?? []
            return Self.latestPushed(images).map { ImageOfInterest(repository: repository, digest: $0) }
        }
        // Running images by digest, one call each: one deleted image cannot hide the others.
        let running = await Self.concurrentMap(runningImages) { image -> ImageOfInterest? in
            guard let digest = image.digest else { return nil }
            await recorder.call("ecr", "DescribeImages", [
                "repositoryName": .string(image.repository), "imageIds": [["imageDigest": .string(digest)]],
            ])
            return ImageOfInterest(repository: image.repository, digest: digest)
        }
        let ofInterest = Set(latest.compactMap { $0 } + running.compactMap { $0 })
        _ = await Self.concurrentMap(ofInterest.sorted { ($0.repository, $0.digest) < ($1.repository, $1.digest) }) { image in
            await recorder.call("ecr", "DescribeImageScanFindings", [
                "repositoryName": .string(image.repository), "imageId": ["imageDigest": .string(image.digest)],
            ])
        }
        await recorder.call("inspector2", "BatchGetAccountStatus")
        await recorder.call("inspector2", "GetConfiguration")
    }

    private func collectAccountServices(_ recorder: CallRecorder, cluster: JSONValue?) async {
        let prefix = "/aws/eks/\(clusterName)/cluster"
        let groups = await recorder.call("logs", "DescribeLogGroups", ["logGroupNamePrefix": .string(prefix)])
        // The cluster's log group when it is listed, or when the listing failed and it may exist.
        if groups == nil || groups?["logGroups"]?.array?.contains(where: { $0["logGroupName"]?.string == prefix }) == true {
            await recorder.call("logs", "DescribeMetricFilters", ["logGroupName": .string(prefix)])
            await recorder.call("logs", "DescribeSubscriptionFilters", ["logGroupName": .string(prefix)])
        }
        let trails = await recorder.call("cloudtrail", "DescribeTrails")?["trailList"]?.array ?? []
        for trail in trails {
            guard let arn = trail["TrailARN"]?.string else { continue }
            await recorder.call("cloudtrail", "GetTrailStatus", ["Name": .string(arn)])
            await recorder.call("cloudtrail", "GetEventSelectors", ["TrailName": .string(arn)])
        }
        for detector in await list(recorder, "guardduty", "ListDetectors", [:], key: "DetectorIds") {
            await recorder.call("guardduty", "GetDetector", ["DetectorId": .string(detector)])
        }
        for config in cluster?["encryptionConfig"]?.array ?? [] {
            guard let key = config[path: "provider.keyArn"]?.string else { continue }
            await recorder.call("kms", "DescribeKey", ["KeyId": .string(key)])
            await recorder.call("kms", "GetKeyRotationStatus", ["KeyId": .string(key)])
        }
        await recorder.call("ssm", "DescribeInstanceInformation")
        await recorder.call("ssm", "GetDocument", ["Name": "SSM-SessionManagerRunShell"])
        let providers = await recorder.call("iam", "ListOpenIDConnectProviders")?["OpenIDConnectProviderList"]?.array ?? []
        for provider in providers {
            guard let arn = provider["Arn"]?.string else { continue }
            await recorder.call("iam", "GetOpenIDConnectProvider", ["OpenIDConnectProviderArn": .string(arn)])
        }
        for mesh in await recorder.call("appmesh", "ListMeshes")?["meshes"]?.array?.compactMap({ $0["meshName"]?.string }) ?? [] {
            let meshName: JSONValue = .string(mesh)
            let nodes = await recorder.call("appmesh", "ListVirtualNodes", ["meshName": meshName])?["virtualNodes"]?.array ?? []
            for node in nodes.compactMap({ $0["virtualNodeName"]?.string }) {
                await recorder.call("appmesh", "DescribeVirtualNode", ["meshName": meshName, "virtualNodeName": .string(node)])
            }
        }
    }

    private func collectCompute(_ recorder: CallRecorder, cluster: JSONValue?, children: EKSChildren) async {
        let vpcConfig = cluster?["resourcesVpcConfig"]
        var subnetIDs = Set(vpcConfig?["subnetIds"]?.array?.compactMap(\.string) ?? [])
        var groupIDs = Set(vpcConfig?["securityGroupIds"]?.array?.compactMap(\.string) ?? [])
        if let clusterGroup = vpcConfig?["clusterSecurityGroupId"]?.string { groupIDs.insert(clusterGroup) }
        var instanceTypes: Set<String> = []
        var architectures: Set<String> = []
        var imageIDs: Set<String> = []
        var groupNames: Set<String> = []
        var templates: Set<TemplateReference> = []
        var roleARNs = children.roleARNs
        if let role = cluster?["roleArn"]?.string { roleARNs.insert(role) }
        for nodegroup in children.nodegroups {
            subnetIDs.formUnion(nodegroup["subnets"]?.array?.compactMap(\.string) ?? [])
            instanceTypes.formUnion(nodegroup["instanceTypes"]?.array?.compactMap(\.string) ?? [])
            if let architecture = nodegroup["amiType"]?.string.flatMap(Self.architecture(amiType:)) { architectures.insert(architecture) }
            if let remote = nodegroup[path: "resources.remoteAccessSecurityGroup"]?.string { groupIDs.insert(remote) }
            groupNames.formUnion(nodegroup[path: "resources.autoScalingGroups"]?.array?.compactMap { $0["name"]?.string } ?? [])
            if let id = nodegroup[path: "launchTemplate.id"]?.string {
                templates.insert(TemplateReference(id: id, version: nodegroup[path: "launchTemplate.version"]?.string))
            }
        }
        // Managed node groups name their Auto Scaling groups; self-managed ones carry the cluster tag.
        var autoScalingGroups: [JSONValue] = []
        if !groupNames.isEmpty {
            let named = await recorder.call("autoscaling", "DescribeAutoScalingGroups", ["AutoScalingGroupNames": Self.sortedArray(groupNames)])
            autoScalingGroups += named?["AutoScalingGroups"]?.array ?? []
        }
        let tagged = await recorder.call("autoscaling", "DescribeAutoScalingGroups", [
            "Filters": [["Name": "tag-key", "Values": [.string("kubernetes.io/cluster/\(clusterName)")]]],
        ])
        autoScalingGroups += tagged?["AutoScalingGroups"]?.array ?? []
        for group in autoScalingGroups {
            for path in ["LaunchTemplate", "MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification"] {
                guard let id = group[path: path + ".LaunchTemplateId"]?.string else { continue }
                templates.insert(TemplateReference(id: id, version: group[path: path + ".Version"]?.string))
            }
            subnetIDs.formUnion(group["VPCZoneIdentifier"]?.string?.split(separator: ",").map(String.init) ?? [])
        }
        for template in templates.sorted(by: { ($0.id, $0.version ?? "") < ($1.id, $1.version ?? "") }) {
            var parameters: [String: JSONValue] = ["LaunchTemplateId": .string(template.id)]
            if let version = template.version { parameters["Versions"] = [.string(version)] }
            let versions = await recorder.call("ec2", "DescribeLaunchTemplateVersions", parameters)
            for version in versions?["LaunchTemplateVersions"]?.array ?? [] {
                if let image = version[path: "LaunchTemplateData.ImageId"]?.string { imageIDs.insert(image) }
                if let type = version[path: "LaunchTemplateData.InstanceType"]?.string { instanceTypes.insert(type) }
                groupIDs.formUnion(version[path: "LaunchTemplateData.SecurityGroupIds"]?.array?.compactMap(\.string) ?? [])
            }
        }
        // The subnets tell the VPC when DescribeCluster does not (emulators leave vpcId out).
        var vpcIDs = Set([vpcConfig?["vpcId"]?.string].compactMap { $0 })
        if !subnetIDs.isEmpty {
            let subnets = await recorder.call("ec2", "DescribeSubnets", ["SubnetIds": Self.sortedArray(subnetIDs)])
            vpcIDs.formUnion(subnets?["Subnets"]?.array?.compactMap { $0["VpcId"]?.string } ?? [])
        }
        if !vpcIDs.isEmpty {
            let vpcFilter: JSONValue = [["Name": "vpc-id", "Values": Self.sortedArray(vpcIDs)]]
            await recorder.call("ec2", "DescribeRouteTables", ["Filters": vpcFilter])
            await recorder.call("ec2", "DescribeNetworkAcls", ["Filters": vpcFilter])
            let reservations = await recorder.call("ec2", "DescribeInstances", ["Filters": vpcFilter])?["Reservations"]?.array ?? []
            var instanceSubnets: Set<String> = []
            for instance in reservations.flatMap({ $0["Instances"]?.array ?? [] }) {
                if let subnet = instance["SubnetId"]?.string, !subnetIDs.contains(subnet) { instanceSubnets.insert(subnet) }
                if let image = instance["ImageId"]?.string { imageIDs.insert(image) }
                if let type = instance["InstanceType"]?.string { instanceTypes.insert(type) }
                if let architecture = instance["Architecture"]?.string, Self.releaseArchitectures.contains(architecture) {
                    architectures.insert(architecture)
                }
                groupIDs.formUnion(instance["SecurityGroups"]?.array?.compactMap { $0["GroupId"]?.string } ?? [])
                if let profile = instance[path: "IamInstanceProfile.Arn"]?.string, let name = profile.split(separator: "/").last {
                    let described = await recorder.call("iam", "GetInstanceProfile", ["InstanceProfileName": .string(String(name))])
                    for role in described?[path: "InstanceProfile.Roles"]?.array ?? [] {
                        if let arn = role["Arn"]?.string { roleARNs.insert(arn) }
                    }
                }
            }
            if !instanceSubnets.isEmpty {
                await recorder.call("ec2", "DescribeSubnets", ["SubnetIds": Self.sortedArray(instanceSubnets)])
            }
            let vpcList = Self.sortedArray(vpcIDs)
            let controls = await recorder.call("ec2", "DescribeVpcEncryptionControls", ["VpcIds": vpcList])?["VpcEncryptionControls"]?.array ?? []
            for vpc in Set(controls.compactMap { $0["VpcId"]?.string }).sorted() {
                await recorder.call("ec2", "GetVpcResourcesBlockingEncryptionEnforcement", ["VpcId": .string(vpc)])
            }
            let balancers = await recorder.call("elbv2", "DescribeLoadBalancers")?["LoadBalancers"]?.array ?? []
            for balancer in balancers where balancer["VpcId"]?.string.map(vpcIDs.contains) == true {
                guard let arn = balancer["LoadBalancerArn"]?.string else { continue }
                await recorder.call("elbv2", "DescribeListeners", ["LoadBalancerArn": .string(arn)])
            }
        }
        // One call per group, so one unknown group ID cannot hide the rules of the others.
        let rules = await Self.concurrentMap(groupIDs.sorted()) { group in
            await recorder.call("ec2", "DescribeSecurityGroupRules", ["Filters": [["Name": "group-id", "Values": [.string(group)]]]])?["SecurityGroupRules"]?.array ?? []
        }
        let prefixLists = Set(rules.joined().compactMap { $0["PrefixListId"]?.string })
        _ = await Self.concurrentMap(prefixLists.sorted()) { list in
            await recorder.call("ec2", "GetManagedPrefixListEntries", ["PrefixListId": .string(list)])
        }
        if let version = cluster?["version"]?.string {
            for name in architectures.sorted().flatMap({ Self.releaseParameters(kubernetes: version, architecture: $0) }) {
                await recorder.call("ssm", "GetParameter", ["Name": .string(name)])
            }
        }
        if !imageIDs.isEmpty { await recorder.call("ec2", "DescribeImages", ["ImageIds": Self.sortedArray(imageIDs)]) }
        if !instanceTypes.isEmpty { await recorder.call("ec2", "DescribeInstanceTypes", ["InstanceTypes": Self.sortedArray(instanceTypes)]) }
        await recorder.call("ec2", "GetInstanceMetadataDefaults")
        // Roles the cluster's service accounts can assume through its OIDC provider (IRSA).
        if let issuer = cluster?[path: "identity.oidc.issuer"]?.string, let provider = OIDCTrust.providerPath(issuer: issuer) {
            roleARNs.formUnion(OIDCTrust.roles(in: await recorder.call("iam", "ListRoles"), providerPath: provider))
        }
        let policyARNs = Set(await Self.concurrentMap(roleARNs.sorted()) { arn in await collectRole(recorder, arn: arn) }.joined())
        // Each attached managed policy once, however many roles share it: its default version's document.
        _ = await Self.concurrentMap(policyARNs.sorted()) { arn in
            let policy = await recorder.call("iam", "GetPolicy", ["PolicyArn": .string(arn)])
            guard let version = policy?[path: "Policy.DefaultVersionId"]?.string else { return }
            await recorder.call("iam", "GetPolicyVersion", ["PolicyArn": .string(arn), "VersionId": .string(version)])
        }
    }

    /// An ECR image whose scan findings are read: a running one, or a repository's latest push.
    struct ImageOfInterest: Hashable, Sendable {
        var repository: String
        var digest: String
    }

    /// The digest of the most recently pushed image (`imagePushedAt`, epoch seconds from ECR).
    static func latestPushed(_ images: [JSONValue]) -> String? {
        images.compactMap { image -> (Double, String)? in
            guard let digest = image["imageDigest"]?.string else { return nil }
            return (image["imagePushedAt"]?.number ?? 0, digest)
        }.max { $0 < $1 }?.1
    }

    /// Architectures AWS publishes recommended node image releases for.
    static let releaseArchitectures: Set<String> = ["x86_64", "arm64"]

    /// The architecture of an EKS AMI type (`AL2023_ARM_64_STANDARD`, `BOTTLEROCKET_x86_64`);
    /// nil for `CUSTOM` and Windows, whose releases are not these parameters.
    static func architecture(amiType: String) -> String? {
        guard !amiType.hasPrefix("WINDOWS") else { return nil }
        if amiType.contains("ARM_64") { return "arm64" }
        if amiType.contains("x86_64") { return "x86_64" }
        return nil
    }

    /// The public SSM parameters naming the current AL2023 and Bottlerocket releases for a
    /// Kubernetes version and architecture (what the node image freshness checks compare with).
    static func releaseParameters(kubernetes version: String, architecture: String) -> [String] {
        [
            "/aws/service/eks/optimized-ami/\(version)/amazon-linux-2023/\(architecture)/standard/recommended/release_version",
            "/aws/service/bottlerocket/aws-k8s-\(version)/\(architecture)/latest/image_version",
        ]
    }

    /// A launch template and version named by a node group or an Auto Scaling group.
    struct TemplateReference: Hashable {
        var id: String
        var version: String?
    }

    /// Reads one role and its inline policies; returns the ARNs of its attached managed policies.
    private func collectRole(_ recorder: CallRecorder, arn: String) async -> [String] {
        // A role ARN's name is its last path segment: arn:aws:iam::123:role/path/name.
        guard let name = arn.split(separator: "/").last.map(String.init), arn.contains(":role/") else { return [] }
        let role: JSONValue = .string(name)
        await recorder.call("iam", "GetRole", ["RoleName": role])
        let attached = await recorder.call("iam", "ListAttachedRolePolicies", ["RoleName": role])
        for policy in await list(recorder, "iam", "ListRolePolicies", ["RoleName": role], key: "PolicyNames") {
            await recorder.call("iam", "GetRolePolicy", ["RoleName": role, "PolicyName": .string(policy)])
        }
        return attached?["AttachedPolicies"]?.array?.compactMap { $0["PolicyArn"]?.string } ?? []
    }

    private func list(
        _ recorder: CallRecorder, _ service: String, _ operation: String, _ parameters: [String: JSONValue], key: String
    ) async -> [String] {
        await recorder.call(service, operation, parameters)?[key]?.array?.compactMap(\.string) ?? []
    }

    /// Runs `body` for every item at once (the client bounds the requests in flight); results in item order.
    static func concurrentMap<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ body: @escaping @Sendable (Item) async -> Result
    ) async -> [Result] {
        await withTaskGroup(of: (Int, Result).self) { group in
            for (index, item) in items.enumerated() { group.addTask { (index, await body(item)) } }
            var results: [(Int, Result)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    static func sortedArray(_ values: Set<String>) -> JSONValue {
        .array(values.sorted().map(JSONValue.string))
    }

    static func sortKey(_ call: APICall) -> String {
        "\(call.service)\u{1}\(call.operation)\u{1}\(JSONValue.object(call.parameters).jsonText)"
    }
}
