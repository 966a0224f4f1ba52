import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-ACC-005: AmazonSSMManagedInstanceCore lets the node (and pods reaching its credentials)
/// read every SSM parameter, SecureStrings included.
package struct NodeRoleSSMCheck: ClusterCheck {
    package init() {}

    typealias R = NodeRoleReview
    static let policy = "AmazonSSMManagedInstanceCore"

    static func parameters(_ types: String) -> String {
        #", {"call": "ssm:DescribeParameters", "response": {"Parameters": [\#(types)]}}"#
    }

    package static let metadata = CheckMetadata(
        id: "EKS-ACC-005",
        title: "Node role SSM permissions do not expose SecureString parameters",
        practice: .nodeAccess,
        severity: .low,
        rationale: """
            AmazonSSMManagedInstanceCore grants `ssm:GetParameter(s)` on every parameter. On a node role \
            that means every pod reaching the node credentials can read SecureString parameters. The check \
            fails when the policy is attached and `ssm:DescribeParameters` lists a SecureString (or was not \
            collected, so none can be ruled out).
            """,
        remediation: """
            Replace AmazonSSMManagedInstanceCore with a policy limited to the Session Manager actions \
            (ssmmessages:*, ssm:UpdateInstanceInformation, ec2messages:*) or scope parameters by path.
            """,
        references: ["bpg:hosts-minimal-ssm-policy"],
        passing: [
            .cluster(R.example(attached: [R.managed("AmazonEKSWorkerNodePolicy")])),
            .cluster(R.example(attached: [R.managed(policy)], extra: parameters(#"{"Name": "a", "Type": "String"}"#)), note: "no SecureString parameters"),
        ],
        failing: [
            .cluster(R.example(attached: [R.managed(policy)], extra: parameters(#"{"Name": "db", "Type": "SecureString"}"#)), expect: ["IAMRole/nodes"]),
            .cluster(R.example(attached: [R.managed(policy)]), note: "parameters not collected"),
            .cluster(R.example(attached: [R.managed(policy)], extra: #", {"call": "ssm:DescribeParameters", "error": "AccessDeniedException"}"#), status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        NodeRoleReview.evaluate(facts) { node, policies, aws in
            let ref = node.ref.at(NodeRoleReview.field, nil)
            let name = IAMRole.name(of: node.arn)
            guard policies.contains(where: { $0.isAWSManaged && $0.name == Self.policy }) else {
                return .pass("node role \(name) (\(node.users)) does not carry \(Self.policy)", at: ref)
            }
            switch aws.responses("ssm", "DescribeParameters") {
            case .failure(let gap): return .gap(gap, at: ref)
            case .success(let answers) where answers.isEmpty:
                return .fail("node role \(name) (\(node.users)) carries \(Self.policy); SSM parameters were not collected, SecureStrings cannot be ruled out", at: ref)
            case .success(let answers):
                let secure = answers.flatMap { $0.response["Parameters"]?.array ?? [] }.filter { $0["Type"]?.string == "SecureString" }
                if secure.isEmpty {
                    return .pass("node role \(name) (\(node.users)) carries \(Self.policy), but the account has no SecureString parameter", at: ref)
                }
                return .fail(
                    "node role \(name) (\(node.users)) carries \(Self.policy): pods reaching node credentials can read \(secure.count) SecureString parameter(s), e.g. \(secure[0]["Name"]?.string ?? "?")",
                    at: ref)
            }
        }
    }
}
