import ClusterSnapshot

/// What the cluster's Kubernetes objects point at in AWS, for the collection to look up too:
/// IAM roles named by service-account annotations (`eks.amazonaws.com/role-arn`) and the ECR
/// images the pods run (by digest). The audit reads them from Kubernetes; `collect --manifests`
/// from files.
public struct CollectInputs: Sendable, Equatable {
    public var roleARNs: Set<String>
    /// Images with a digest (the only way to name what runs, whatever a tag points at now).
    public var images: Set<ECRImageReference>

    public init(roleARNs: Set<String> = [], images: Set<ECRImageReference> = []) {
        self.roleARNs = roleARNs
        self.images = images
    }

    /// The inputs this account and region can answer for, and the others with why not: `GetRole`
    /// takes a role's name only, so another account's role would read a same-named local role;
    /// ECR answers only for its own registry.
    public func partition(account: String?, region: String) -> (roleARNs: [String], images: [ECRImageReference], skipped: [SkippedInput]) {
        var roles: [String] = []
        var images: [ECRImageReference] = []
        var skipped: [SkippedInput] = []
        for arn in roleARNs.sorted() {
            let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[5].hasPrefix("role/"), parts[5].count > 5 else {
                skipped.append(SkippedInput(kind: "iamRole", input: arn, reason: "not an IAM role ARN"))
                continue
            }
            guard let account else {
                skipped.append(SkippedInput(kind: "iamRole", input: arn, reason: "the collecting account is unknown (sts:GetCallerIdentity failed)"))
                continue
            }
            guard parts[4] == account else {
                skipped.append(SkippedInput(kind: "iamRole", input: arn, reason: "role of account \(parts[4]), collected from account \(account)"))
                continue
            }
            roles.append(arn)
        }
        for image in self.images.sorted() {
            guard let account else {
                skipped.append(SkippedInput(kind: "ecrImage", input: image.reference, reason: "the collecting account is unknown (sts:GetCallerIdentity failed)"))
                continue
            }
            guard image.account == account, image.region == region else {
                skipped.append(SkippedInput(
                    kind: "ecrImage", input: image.reference,
                    reason: "registry of account \(image.account) in \(image.region), collected from account \(account) in \(region)"))
                continue
            }
            guard image.digest != nil else {
                skipped.append(SkippedInput(kind: "ecrImage", input: image.reference, reason: "no digest: the running image is named by status.containerStatuses[].imageID"))
                continue
            }
            images.append(image)
        }
        return (roles, images, skipped)
    }
}
