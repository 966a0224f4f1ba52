/// Builders for the JSON examples of the registry checks.
enum RegistryExamples {
    static let registryHost = "111122223333.dkr.ecr.us-east-1.amazonaws.com"

    static func repository(_ name: String, _ fields: String = "") -> String {
        #"{"repositoryName": "\#(name)", "repositoryArn": "arn:aws:ecr:us-east-1:111122223333:repository/\#(name)"\#(fields.isEmpty ? "" : ", " + fields)}"#
    }

    static func describeRepositories(_ repositories: String...) -> String {
        #"{"call": "ecr:DescribeRepositories", "response": {"repositories": [\#(repositories.joined(separator: ", "))]}}"#
    }

    static func scanning(_ type: String, rules: String = "[]") -> String {
        #"{"call": "ecr:GetRegistryScanningConfiguration", "response": {"scanningConfiguration": {"scanType": "\#(type)", "rules": \#(rules)}}}"#
    }

    static let onPushForAll = #"[{"scanFrequency": "SCAN_ON_PUSH", "repositoryFilters": [{"filter": "*", "filterType": "WILDCARD"}]}]"#

    /// An example with only these calls (the cluster is described too).
    static func calls(_ calls: String...) -> String {
        #"{"cluster": {"name": "prod"}, "calls": [\#(calls.joined(separator: ", "))]}"#
    }

    /// A pod running `image` whose status resolved `digest`.
    static func pod(_ image: String, digest: String?) -> String {
        let status = digest.map { #", "status": {"containerStatuses": [{"name": "app", "imageID": "\#(image.split(separator: ":")[0])@\#($0)"}]}"# } ?? ""
        return #"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "apps"}, "spec": {"containers": [{"name": "app", "image": "\#(image)"}]}\#(status)}"#
    }

    static func describeImages(digest: String, status: String, completedAt: String = "2026-10-30T00:00:00Z") -> String {
        #"{"call": "ecr:DescribeImages", "parameters": {"repositoryName": "web"}, "response": {"imageDetails": [{"repositoryName": "web", "imageDigest": "\#(digest)", "imageScanStatus": {"status": "\#(status)"}, "imageScanFindingsSummary": {"imageScanCompletedAt": "\#(completedAt)"}}]}}"#
    }
}
