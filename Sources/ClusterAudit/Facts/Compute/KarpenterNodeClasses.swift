import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// Karpenter's `EC2NodeClass` (karpenter.k8s.aws/v1): what the nodes Karpenter launches next will boot and
/// which metadata options they get. Running Karpenter nodes are judged as instances already; a node class
/// is judged too because it decides every node it launches from now on, including when none runs.
package struct KarpenterNodeClass: Sendable {
    package var object: KubernetesObject
    package var label: String { "EC2NodeClass \(object.name ?? "?")" }

    /// Karpenter's defaults for unset `spec.metadataOptions` fields: tokens required, hop limit 1, endpoint enabled.
    package var imds: Fetched<IMDSSettings> {
        let options = object.root["spec"]["metadataOptions"]
        for field in ["httpTokens", "httpEndpoint"] {
            if let reason = options[field].string.invalidReason { return .failure(DataGap("\(label): \(field) \(reason)")) }
        }
        if let reason = options["httpPutResponseHopLimit"].int.invalidReason {
            return .failure(DataGap("\(label): httpPutResponseHopLimit \(reason)"))
        }
        let set = [options["httpTokens"], options["httpPutResponseHopLimit"], options["httpEndpoint"]].filter(\.exists).count
        return IMDSSettings(
            tokens: options["httpTokens"].string.value ?? "required",
            hopLimit: Int(options["httpPutResponseHopLimit"].int.value ?? 1),
            endpoint: options["httpEndpoint"].string.value ?? "enabled",
            source: set == 3 ? label : "\(label), Karpenter defaults for unset fields"
        ).validated()
    }

    /// The OS family its AMI selector picks: an `amiSelectorTerms[].alias` (`al2023@latest`, `bottlerocket@v1.40.0`,
    /// `al2@latest`, `windows2022@latest`), else the legacy `spec.amiFamily`. Nil with the evidence when the
    /// terms select AMIs by id, name, tags or SSM parameter only (a custom AMI whose OS the class does not say).
    package var family: Fetched<(family: NodeOSFamily?, evidence: String, at: Cursor)> {
        let spec = object.root["spec"]
        for term in spec["amiSelectorTerms"].items {
            guard let alias = term["alias"].string.value else { continue }
            let name = alias.split(separator: "@").first.map(String.init) ?? alias
            let families: [String: NodeOSFamily] = ["al2": .al2, "al2023": .al2023, "bottlerocket": .bottlerocket,
                                                    "windows2019": .windows, "windows2022": .windows, "windows2025": .windows]
            guard let family = families[name] else {
                return .failure(DataGap("\(label): unknown AMI alias \(alias): update eksguard or check the node class by hand"))
            }
            return .success((family, "amiSelectorTerms alias \(alias)", term["alias"]))
        }
        if let amiFamily = spec["amiFamily"].string.value {
            let families: [String: NodeOSFamily] = ["AL2": .al2, "AL2023": .al2023, "Bottlerocket": .bottlerocket,
                                                    "Windows2019": .windows, "Windows2022": .windows]
            if amiFamily == "Custom" { return .success((nil, "amiFamily Custom", spec["amiFamily"])) }
            guard let family = families[amiFamily] else {
                return .failure(DataGap("\(label): unknown amiFamily \(amiFamily): update eksguard or check the node class by hand"))
            }
            return .success((family, "amiFamily \(amiFamily)", spec["amiFamily"]))
        }
        return .success((nil, "amiSelectorTerms without an alias", spec["amiSelectorTerms"]))
    }

    /// Who publishes the AMIs each `amiSelectorTerms` entry selects, for EKS-OS-003: an approved owner (an
    /// account in `owners`, or `amazon`), a public AWS parameter (`/aws/service/…`), or the owner of the AMI
    /// an `id` term names when the snapshot describes it. A term with no such evidence (tags, a name without
    /// an owner, an undescribed id) is a gap: its owner is unknown.
    package func termProvenance(owners: Set<String>, aws: AWSFacts?) -> [(verdict: Fetched<(approved: Bool, evidence: String)>, at: ResourceRef)] {
        object.root["spec"]["amiSelectorTerms"].items.map { term in
            let at = ref(term)
            if let owner = term["owner"].string.value {
                return (.success((isApprovedAMIOwner(owner, allowed: owners), "owner \(owner)")), at)
            }
            if let parameter = term["ssmParameter"].string.value {
                return (.success((parameter.hasPrefix("/aws/service/"), "SSM parameter \(parameter)")), at)
            }
            if let id = term["id"].string.value, let aws {
                return (aws.image(id).map { image in
                    let owner = image["OwnerId"]?.string ?? "?"
                    let alias = image["ImageOwnerAlias"]?.string
                    return (isApprovedAMIOwner(owner, alias: alias, allowed: owners), "\(id) owner \(owner)\(alias.map { " (\($0))" } ?? "")")
                }, at)
            }
            let how = term["id"].exists ? "by id" : (term["name"].exists ? "by name without an owner" : "by tags")
            return (.failure(DataGap("\(label) selects AMIs \(how): who publishes them is not in the Kubernetes object or the snapshot")), at)
        }
    }

    package func ref(_ cursor: Cursor) -> ResourceRef { object.resource.at(cursor.path, cursor.position) }
    package var specRef: ResourceRef { ref(object.root["spec"]) }
    package var metadataOptionsRef: ResourceRef { ref(object.root["spec"]["metadataOptions"]) }
}

extension ClusterFacts {
    package static let ec2NodeClass = KubernetesInventory.Kind("karpenter.k8s.aws", "EC2NodeClass")

    /// The EC2NodeClasses of the Kubernetes input: none without Kubernetes input or without Karpenter's CRD;
    /// a kind that could not be listed becomes an error finding.
    package func karpenterNodeClasses(into findings: inout [Finding]) -> [KarpenterNodeClass] {
        guard let kubernetes else { return [] }
        return (kubernetes.objects(Self.ec2NodeClass).value(orReportAt: resource, into: &findings) ?? []).map(KarpenterNodeClass.init)
    }
}
