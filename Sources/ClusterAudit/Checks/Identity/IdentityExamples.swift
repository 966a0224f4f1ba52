/// Builders for the JSON examples of the identity checks, so each example states only what
/// differs (a trust condition, a policy) and the IAM call plumbing is written once.
enum IdentityExamples {
    static let account = "111122223333"
    static let hostPath = "oidc.eks.us-east-1.amazonaws.com/id/ABC123"
    static let provider = "arn:aws:iam::\(account):oidc-provider/\(hostPath)"
    static let cluster =
        #""cluster": {"name": "prod", "arn": "arn:aws:eks:us-east-1:111122223333:cluster/prod", "identity": {"oidc": {"issuer": "https://\#(hostPath)"}}}"#

    static let readOnlyPolicy = #"{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}}"#
    static let writePolicy = #"{"Statement": [{"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": "*"}]}"#
    static let adminPolicy = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#

    static func roleARN(_ name: String) -> String { "arn:aws:iam::\(account):role/\(name)" }

    /// A trust policy with one web-identity statement for `federated` and this `Condition` block.
    static func webIdentityTrust(_ condition: String?, federated: String = "\"\(provider)\"") -> String {
        let block = condition.map { #", "Condition": \#($0)"# } ?? ""
        return #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": \#(federated)}, "Action": "sts:AssumeRoleWithWebIdentity"\#(block)}]}"#
    }

    /// `StringEquals` on `:sub` and `:aud`: the trust every IRSA role should have.
    static func pinnedCondition(namespace: String = "apps", account: String = "app") -> String {
        #"{"StringEquals": {"\#(hostPath):sub": "system:serviceaccount:\#(namespace):\#(account)", "\#(hostPath):aud": "sts.amazonaws.com"}}"#
    }

    /// The calls that describe a role: GetRole with `trust`, one inline policy `policy` (none when nil).
    static func roleCalls(_ name: String, trust: String, policy: String? = readOnlyPolicy, attached: [(arn: String, document: String)] = []) -> String {
        var calls = [
            #"{"call": "iam:GetRole", "parameters": {"RoleName": "\#(name)"}, "response": {"Role": {"RoleName": "\#(name)", "Arn": "\#(roleARN(name))", "AssumeRolePolicyDocument": \#(trust)}}}"#,
            #"{"call": "iam:ListRolePolicies", "parameters": {"RoleName": "\#(name)"}, "response": {"PolicyNames": [\#(policy == nil ? "" : #""main""#)]}}"#,
        ]
        if let policy {
            calls.append(#"{"call": "iam:GetRolePolicy", "parameters": {"RoleName": "\#(name)", "PolicyName": "main"}, "response": {"PolicyDocument": \#(policy)}}"#)
        }
        let attachedList = attached.map { #"{"PolicyArn": "\#($0.arn)", "PolicyName": "\#(String($0.arn.split(separator: "/").last!))"}"# }
        calls.append(#"{"call": "iam:ListAttachedRolePolicies", "parameters": {"RoleName": "\#(name)"}, "response": {"AttachedPolicies": [\#(attachedList.joined(separator: ", "))]}}"#)
        for policy in attached {
            calls.append(#"{"call": "iam:GetPolicy", "parameters": {"PolicyArn": "\#(policy.arn)"}, "response": {"Policy": {"DefaultVersionId": "v1"}}}"#)
            calls.append(#"{"call": "iam:GetPolicyVersion", "parameters": {"PolicyArn": "\#(policy.arn)", "VersionId": "v1"}, "response": {"PolicyVersion": {"Document": \#(policy.document)}}}"#)
        }
        return calls.joined(separator: ", ")
    }

    static func serviceAccount(_ namespace: String, _ name: String, role: String) -> String {
        #"{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "\#(name)", "namespace": "\#(namespace)", "annotations": {"eks.amazonaws.com/role-arn": "\#(roleARN(role))"}}}"#
    }

    /// A cluster whose service account apps/app uses role `app` with this trust and policy,
    /// `iam:ListRoles` included (answered with `listed` roles).
    static func irsa(trust: String, policy: String = readOnlyPolicy, listed: String = "[]") -> String {
        #"{\#(cluster), "calls": [\#(roleCalls("app", trust: trust, policy: policy)), {"call": "iam:ListRoles", "response": {"Roles": \#(listed)}}], "kubernetes": [\#(serviceAccount("apps", "app", role: "app"))]}"#
    }
}
