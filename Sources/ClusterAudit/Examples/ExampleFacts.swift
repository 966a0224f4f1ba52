import ClusterSnapshot
import EKSGuardCore
import Foundation
import KubernetesAudit

/// Builds the facts of a cluster check's example from a short JSON document, so an example shows
/// only the fields its check reads:
///
/// ```json
/// {
///   "cluster": { "name": "demo", "version": "1.33", ... },      // eks:DescribeCluster → cluster
///   "nodegroups": [ { "nodegroupName": "ng-1", ... } ],          // ListNodegroups + DescribeNodegroup
///   "fargateProfiles": [...], "addons": [...], "podIdentityAssociations": [...], "accessEntries": [...],
///   "calls": [ { "call": "ec2:DescribeSubnets", "parameters": {...}, "response": {...} },
///              { "call": "ssm:GetDocument", "error": "AccessDeniedException" } ],
///   "kubernetes": [ { "apiVersion": "v1", "kind": "ServiceAccount", ... } ]
/// }
/// ```
///
/// Without `cluster` and `calls` the audit has no AWS input; without `kubernetes`, no Kubernetes
/// input. EKS child lists not given are recorded as empty lists.
package enum ExampleFacts {
    package struct Invalid: Error, CustomStringConvertible {
        package var description: String
    }

    package static func facts(_ json: String) throws(Invalid) -> ClusterFacts {
        guard let root = JSONValue.parse(Data(json.utf8)), let fields = root.object else {
            throw Invalid(description: "example is not a JSON object")
        }
        let known: Set<String> = ["cluster", "nodegroups", "fargateProfiles", "addons", "podIdentityAssociations", "accessEntries", "calls", "kubernetes"]
        if let unknown = fields.keys.first(where: { !known.contains($0) }) {
            throw Invalid(description: "example has unknown key \(unknown)")
        }
        let aws = fields["cluster"] != nil || fields["calls"] != nil ? try snapshot(fields) : nil
        let kubernetes = try fields["kubernetes"].map { value throws(Invalid) in try inventory(value) }
        return ClusterFacts(aws: aws.map(AWSFacts.init), kubernetes: kubernetes)
    }

    private static func snapshot(_ fields: [String: JSONValue]) throws(Invalid) -> ClusterSnapshot {
        let name = fields["cluster"]?["name"]?.string ?? "demo"
        let clusterName: JSONValue = .string(name)
        var calls: [APICall] = []
        if let cluster = fields["cluster"] {
            calls.append(APICall(service: "eks", operation: "DescribeCluster", parameters: ["name": clusterName], response: ["cluster": cluster]))
        }
        let children: [(key: String, list: String, listKey: String, describe: String, parameter: String, member: String, nameField: String)] = [
            ("nodegroups", "ListNodegroups", "nodegroups", "DescribeNodegroup", "nodegroupName", "nodegroup", "nodegroupName"),
            ("fargateProfiles", "ListFargateProfiles", "fargateProfileNames", "DescribeFargateProfile", "fargateProfileName", "fargateProfile", "fargateProfileName"),
            ("addons", "ListAddons", "addons", "DescribeAddon", "addonName", "addon", "addonName"),
            ("podIdentityAssociations", "ListPodIdentityAssociations", "associations", "DescribePodIdentityAssociation", "associationId", "association", "associationId"),
            ("accessEntries", "ListAccessEntries", "accessEntries", "DescribeAccessEntry", "principalArn", "accessEntry", "principalArn"),
        ]
        let given = Set((fields["calls"]?.array ?? []).compactMap { $0["call"]?.string })
        for child in children {
            let items = fields[child.key]?.array ?? []
            var names: [JSONValue] = []
            for item in items {
                guard let itemName = item[child.nameField]?.string else {
                    throw Invalid(description: "\(child.key) item without \(child.nameField)")
                }
                names.append(child.key == "podIdentityAssociations" ? ["associationId": .string(itemName)] : .string(itemName))
                calls.append(APICall(
                    service: "eks", operation: child.describe, parameters: ["clusterName": clusterName, child.parameter: .string(itemName)],
                    response: [child.member: item]))
            }
            // A list call given explicitly (an error, say) replaces the generated one.
            if !given.contains("eks:\(child.list)") {
                calls.append(APICall(service: "eks", operation: child.list, parameters: ["clusterName": clusterName], response: [child.listKey: .array(names)]))
            }
        }
        for item in fields["calls"]?.array ?? [] {
            guard let call = item["call"]?.string, let colon = call.firstIndex(of: ":") else {
                throw Invalid(description: "calls item without \"call\": \"service:Operation\"")
            }
            var recorded = APICall(
                service: String(call[..<colon]), operation: String(call[call.index(after: colon)...]),
                parameters: item["parameters"]?.object ?? [:], response: item["response"])
            if let code = item["error"]?.string {
                recorded.error = RecordedError(kind: "service", code: code, message: item["message"]?.string ?? "", httpStatus: 400)
            } else if recorded.response == nil {
                throw Invalid(description: "\(call): give \"response\" or \"error\"")
            }
            calls.append(recorded)
        }
        return ClusterSnapshot(
            generator: "example", collectedAt: "2026-11-01T00:00:00Z", clusterName: name, region: "us-east-1",
            accountID: "111122223333", calls: calls)
    }

    private static func inventory(_ value: JSONValue) throws(Invalid) -> KubernetesInventory {
        guard let items = value.array else { throw Invalid(description: "kubernetes is not a list of objects") }
        // One document per object, so field paths read as in a manifest (`spec.mtls.mode`).
        let stream = items.map(\.jsonText).joined(separator: "\n---\n")
        let loaded = ManifestScan.load(Array(stream.utf8), name: "example.yaml")
        if let problem = loaded.inputFindings.first, !items.isEmpty {
            throw Invalid(description: "kubernetes objects: \(problem.message)")
        }
        return KubernetesInventory(origin: .files(["example.yaml"]), objects: loaded.kubernetesObjects)
    }
}
