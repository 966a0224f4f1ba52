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
    public var progress: @Sendable (String) -> Void

    public init(
        client: AWSClient, clusterName: String, generator: String, credentialSource: String? = nil,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.client = client
        self.clusterName = clusterName
        self.generator = generator
        self.credentialSource = credentialSource
        self.progress = progress
    }

    public func collect(now: Date = Date()) async -> ClusterSnapshot {
        let recorder = CallRecorder(client: client, progress: progress)
        let identity = await recorder.call("sts", "GetCallerIdentity")
        let name: JSONValue = .string(clusterName)
        let cluster = await recorder.call("eks", "DescribeCluster", ["name": name])?["cluster"]

        async let eks = collectEKSChildren(recorder)
        async let registry = collectRegistry(recorder)
        async let account = collectAccountServices(recorder, cluster: cluster)
        let children = await eks
        await registry
        await account
        await collectCompute(recorder, cluster: cluster, children: children)

        var calls = await recorder.calls
        calls.sort { Self.sortKey($0) < Self.sortKey($1) }
        return ClusterSnapshot(
            generator: generator, collectedAt: ISO8601DateFormatter().string(from: now), clusterName: clusterName,
            region: client.region, accountID: identity?["Account"]?.string, callerARN: identity?["Arn"]?.string,
            credentialSource: credentialSource, calls: calls
        )
    }

    /// What the EKS child resources point at, for the EC2/IAM calls that follow.
    struct EKSChildren {
        var nodegroups: [JSONValue] = []
        var roleARNs: Set<String> = []
    }

    private func collectEKSChildren(_ recorder: CallRecorder) async -> EKSChildren {
        let name: JSONValue = .string(clusterName)
        var children = EKSChildren()
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
        await recorder.call("eks", "ListInsights", ["clusterName": name])
        return children
    }

    private func collectRegistry(_ recorder: CallRecorder) async {
        await recorder.call("ecr", "GetRegistryScanningConfiguration")
        let repositories = await recorder.call("ecr", "DescribeRepositories")?["repositories"]?.array ?? []
        let names = repositories.compactMap { $0["repositoryName"]?.string }
        for chunk in stride(from: 0, to: names.count, by: 25).map({ Array(names[$0..<min($0 + 25, names.count)]) }) {
            await recorder.call("ecr", "BatchGetRepositoryScanningConfiguration", ["repositoryNames": .array(chunk.map(JSONValue.string))])
        }
        _ = await Self.concurrentMap(names) { repository in
            let name: JSONValue = .string(repository)
            await recorder.call("ecr", "GetRepositoryPolicy", ["repositoryName": name])
            await recorder.call("ecr", "GetLifecyclePolicy", ["repositoryName": name])
            await recorder.call("ecr", "DescribeImages", ["repositoryName": name])
        }
        await recorder.call("inspector2", "BatchGetAccountStatus")
    }

    private func collectAccountServices(_ recorder: CallRecorder, cluster: JSONValue?) async {
        let prefix = "/aws/eks/\(clusterName)/cluster"
        await recorder.call("logs", "DescribeLogGroups", ["logGroupNamePrefix": .string(prefix)])
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
    }

    private func collectCompute(_ recorder: CallRecorder, cluster: JSONValue?, children: EKSChildren) async {
        let vpcConfig = cluster?["resourcesVpcConfig"]
        var subnetIDs = Set(vpcConfig?["subnetIds"]?.array?.compactMap(\.string) ?? [])
        var groupIDs = Set(vpcConfig?["securityGroupIds"]?.array?.compactMap(\.string) ?? [])
        if let clusterGroup = vpcConfig?["clusterSecurityGroupId"]?.string { groupIDs.insert(clusterGroup) }
        var instanceTypes: Set<String> = []
        var imageIDs: Set<String> = []
        var groupNames: Set<String> = []
        var templates: Set<TemplateReference> = []
        var roleARNs = children.roleARNs
        if let role = cluster?["roleArn"]?.string { roleARNs.insert(role) }
        for nodegroup in children.nodegroups {
            subnetIDs.formUnion(nodegroup["subnets"]?.array?.compactMap(\.string) ?? [])
            instanceTypes.formUnion(nodegroup["instanceTypes"]?.array?.compactMap(\.string) ?? [])
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
            let balancers = await recorder.call("elbv2", "DescribeLoadBalancers")?["LoadBalancers"]?.array ?? []
            for balancer in balancers where balancer["VpcId"]?.string.map(vpcIDs.contains) == true {
                guard let arn = balancer["LoadBalancerArn"]?.string else { continue }
                await recorder.call("elbv2", "DescribeListeners", ["LoadBalancerArn": .string(arn)])
            }
        }
        // One call per group, so one unknown group ID cannot hide the rules of the others.
        _ = await Self.concurrentMap(groupIDs.sorted()) { group in
            await recorder.call("ec2", "DescribeSecurityGroupRules", ["Filters": [["Name": "group-id", "Values": [.string(group)]]]])
        }
        if !imageIDs.isEmpty { await recorder.call("ec2", "DescribeImages", ["ImageIds": Self.sortedArray(imageIDs)]) }
        if !instanceTypes.isEmpty { await recorder.call("ec2", "DescribeInstanceTypes", ["InstanceTypes": Self.sortedArray(instanceTypes)]) }
        await recorder.call("ec2", "GetInstanceMetadataDefaults")
        let policyARNs = Set(await Self.concurrentMap(roleARNs.sorted()) { arn in await collectRole(recorder, arn: arn) }.joined())
        // Each attached managed policy once, however many roles share it: its default version's document.
        _ = await Self.concurrentMap(policyARNs.sorted()) { arn in
            let policy = await recorder.call("iam", "GetPolicy", ["PolicyArn": .string(arn)])
            guard let version = policy?[path: "Policy.DefaultVersionId"]?.string else { return }
            await recorder.call("iam", "GetPolicyVersion", ["PolicyArn": .string(arn), "VersionId": .string(version)])
        }
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
