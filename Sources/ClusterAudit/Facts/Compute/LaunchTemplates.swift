import ClusterSnapshot
import EKSGuardCore

/// A launch template as node groups and Auto Scaling groups name it: by ID or name, and a version
/// (a number, `$Default`, `$Latest`, or none meaning the default).
package struct LaunchTemplateRef: Sendable, Hashable, CustomStringConvertible {
    package var id: String?
    package var name: String?
    package var version: String?

    /// From EKS (`{id, name, version}`) or Auto Scaling (`{LaunchTemplateId, LaunchTemplateName, Version}`).
    package init?(_ json: JSONValue?) {
        guard let json else { return nil }
        id = json["id"]?.string ?? json["LaunchTemplateId"]?.string
        name = json["name"]?.string ?? json["LaunchTemplateName"]?.string
        version = json["version"]?.string ?? json["Version"]?.string
        if id == nil, name == nil { return nil }
    }

    package var description: String { "launch template \(id ?? name ?? "?") version \(version ?? "$Default")" }
}

extension AWSFacts {
    /// The launch template version a reference resolves to (`LaunchTemplateVersions[]` item),
    /// searched in every `ec2:DescribeLaunchTemplateVersions` answer.
    package func launchTemplateVersion(_ ref: LaunchTemplateRef) -> Fetched<JSONValue> {
        collectedItems("ec2", "DescribeLaunchTemplateVersions", "LaunchTemplateVersions").flatMap { versions in
            let ofTemplate = versions.filter { item in
                (ref.id != nil && item["LaunchTemplateId"]?.string == ref.id)
                    || (ref.name != nil && item["LaunchTemplateName"]?.string == ref.name)
            }
            let chosen: JSONValue?
            switch ref.version {
            case nil, "$Default": chosen = ofTemplate.first { $0["DefaultVersion"]?.bool == true }
            case "$Latest": chosen = ofTemplate.max { ($0["VersionNumber"]?.number ?? 0) < ($1["VersionNumber"]?.number ?? 0) }
            case let number?: chosen = ofTemplate.first { $0["VersionNumber"]?.number.map { String(Int($0)) } == number }
            }
            guard let chosen else { return .failure(DataGap("\(ref) is not in the snapshot's ec2:DescribeLaunchTemplateVersions answers")) }
            return .success(chosen)
        }
    }
}
