import ClusterSnapshot
import EKSGuardCore

/// The AWS side of an audit: a snapshot, read the way checks need it. Every accessor says why data
/// is missing (the call failed, or was never made) instead of answering "none".
package struct AWSFacts: Sendable {
    package let snapshot: ClusterSnapshot

    package init(_ snapshot: ClusterSnapshot) {
        self.snapshot = snapshot
    }

    package var clusterName: String { snapshot.clusterName }
    package var region: String { snapshot.region }

    /// The answer of the one call of an operation whose parameters include `matching`.
    package func response(_ service: String, _ operation: String, matching: [String: JSONValue] = [:]) -> Fetched<JSONValue> {
        guard let call = snapshot.call(service, operation, matching: matching) else {
            let scope = matching.isEmpty ? "" : " for \(JSONValue.object(matching).jsonText)"
            return .failure(DataGap("the snapshot has no \(service):\(operation) call\(scope) (collected by an older eksguard, or skipped because an earlier call failed)"))
        }
        return Self.answer(of: call)
    }

    /// Every call of an operation with its answer; a failure if any of them failed.
    package func responses(_ service: String, _ operation: String) -> Fetched<[(call: APICall, response: JSONValue)]> {
        var answers: [(call: APICall, response: JSONValue)] = []
        for call in snapshot.calls(service, operation) {
            switch Self.answer(of: call) {
            case .failure(let gap): return .failure(gap)
            case .success(let response): answers.append((call, response))
            }
        }
        return .success(answers)
    }

    /// A call's answer, or its error in words. "There is none" answers (no repository policy) are
    /// answers: an empty object.
    package static func answer(of call: APICall) -> Fetched<JSONValue> {
        if let error = call.error {
            if error.meansAbsent { return .success(.object([:])) }
            var reason = "\(call.iamAction) failed: \(error.code)"
            if !error.message.isEmpty { reason += ": \(error.message)" }
            if error.isAccessDenied { reason += " (grant \(call.iamAction) to the auditing principal)" }
            if call.response != nil { reason += " (answer incomplete)" }
            return .failure(DataGap(reason))
        }
        return .success(call.response ?? .object([:]))
    }

    // MARK: the cluster and its EKS children

    /// `eks:DescribeCluster → cluster`.
    package var cluster: Fetched<JSONValue> {
        response("eks", "DescribeCluster").flatMap { answer in
            guard let cluster = answer["cluster"], cluster.object != nil else {
                return .failure(DataGap("eks:DescribeCluster answered without a cluster"))
            }
            return .success(cluster)
        }
    }

    /// The cluster as a result resource: its ARN when known.
    package var clusterRef: ResourceRef {
        let arn = (try? cluster.get())?["arn"]?.string
        return ResourceRef(kind: "EKSCluster", name: clusterName, arn: arn)
    }

    /// One child resource of the cluster: listed by name, then described.
    package struct Child: Sendable {
        package var name: String
        /// The described object (`nodegroup`, `fargateProfile`, `addon`, ...), or why it is missing.
        package var value: Fetched<JSONValue>
    }

    /// Children listed by `list` (names under `key`) and each described by `describe` with
    /// `parameter = name`, the object under `member`.
    package func children(
        list: String, key: String, describe: String, parameter: String, member: String
    ) -> Fetched<[Child]> {
        response("eks", list).flatMap { listed in
            let names = listed[key]?.array?.compactMap { $0.string ?? $0["associationId"]?.string } ?? []
            return .success(names.map { name in
                let value = response("eks", describe, matching: [parameter: .string(name)]).flatMap { described in
                    described[member].map(Fetched.success)
                        ?? .failure(DataGap("eks:\(describe) for \(name) answered without \(member)"))
                }
                return Child(name: name, value: value)
            })
        }
    }

    package var nodegroups: Fetched<[Child]> {
        children(list: "ListNodegroups", key: "nodegroups", describe: "DescribeNodegroup", parameter: "nodegroupName", member: "nodegroup")
    }

    package var fargateProfiles: Fetched<[Child]> {
        children(
            list: "ListFargateProfiles", key: "fargateProfileNames", describe: "DescribeFargateProfile",
            parameter: "fargateProfileName", member: "fargateProfile")
    }

    package var addons: Fetched<[Child]> {
        children(list: "ListAddons", key: "addons", describe: "DescribeAddon", parameter: "addonName", member: "addon")
    }

    package var podIdentityAssociations: Fetched<[Child]> {
        children(
            list: "ListPodIdentityAssociations", key: "associations", describe: "DescribePodIdentityAssociation",
            parameter: "associationId", member: "association")
    }

    package var accessEntries: Fetched<[Child]> {
        children(list: "ListAccessEntries", key: "accessEntries", describe: "DescribeAccessEntry", parameter: "principalArn", member: "accessEntry")
    }

    /// A node group as a result resource.
    package func nodegroupRef(_ child: Child) -> ResourceRef {
        let arn = (try? child.value.get())?["nodegroupArn"]?.string
        return ResourceRef(kind: "Nodegroup", name: child.name, arn: arn)
    }
}
