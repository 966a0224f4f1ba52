@testable import ClusterAudit
import ClusterSnapshot
import EKSGuardCore
import Foundation
import Testing

@Suite struct PolicyDocumentTests {
    func parse(_ text: String) throws -> PolicyDocument {
        try PolicyDocument.parse(text: text, source: "test policy").get()
    }

    func problem(_ text: String) -> String? {
        if case .failure(let gap) = PolicyDocument.parse(text: text, source: "test policy") { return gap.reason }
        return nil
    }

    @Test func statementAsObjectOrList() throws {
        let single = try parse(#"{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#)
        let list = try parse(#"{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["*"]}]}"#)
        #expect(single == list)
        #expect(single.statements[0].actions.values == ["s3:GetObject"])
    }

    @Test func urlEncodedTextIsDecoded() throws {
        let encoded = "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D"
        let document = try parse(encoded)
        #expect(document.statements[0].allows("sts:AssumeRole"))
    }

    @Test func objectDocumentsAreAccepted() throws {
        let value: JSONValue = ["Statement": [["Effect": "Deny", "NotAction": "iam:*"]]]
        let document = try PolicyDocument.parse(value, source: "object").get()
        #expect(document.statements[0].effect == .deny)
        #expect(document.statements[0].actions.negated)
    }

    @Test(arguments: [
        ("not json", "not a JSON object"),
        (#"["Statement"]"#, "not a JSON object"),
        (#"{"Version": "2012-10-17"}"#, "no Statement"),
        (#"{"Statement": "x"}"#, "neither an object nor a list"),
        (#"{"Statement": [{"Action": "a"}]}"#, "Effect is missing"),
        (#"{"Statement": [{"Effect": "allow", "Action": "a"}]}"#, "unknown Effect"),
        (#"{"Statement": [{"Effect": "Allow"}]}"#, "neither Action nor NotAction"),
        (#"{"Statement": [{"Effect": "Allow", "Action": "a", "NotAction": "b"}]}"#, "both Action and NotAction"),
        (#"{"Statement": [{"Effect": "Allow", "Action": [1, {"x": 1}]}]}"#, "not a string"),
        (#"{"Statement": [{"Effect": "Allow", "Action": "a", "Principal": {"Alien": "x"}}]}"#, "unknown principal type"),
        (#"{"Statement": [{"Effect": "Allow", "Action": "a", "Principal": 5}]}"#, "neither \"*\" nor an object"),
        (#"{"Statement": [{"Effect": "Allow", "Action": "a", "Condition": {"StringSorta": {"k": "v"}}}]}"#, "unknown condition operator"),
        (#"{"Statement": [{"Effect": "Allow", "Action": "a", "Condition": {"NullIfExists": {"k": "true"}}}]}"#, "unknown condition operator"),
        (#"{"Statement": [{"Effect": "Allow", "Action": "a", "Condition": []}]}"#, "Condition is not an object"),
    ])
    func malformedDocumentsNameTheProblem(_ text: String, _ expected: String) {
        let reason = problem(text)
        #expect(reason?.contains(expected) == true, "got \(reason ?? "no error")")
        #expect(reason?.hasPrefix("test policy") == true)
    }

    @Test func conditionOperators() throws {
        let document = try parse(#"""
            {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {
              "ForAnyValue:StringLike": {"k:sub": ["system:serviceaccount:a:*"]},
              "StringEqualsIfExists": {"k:aud": "sts.amazonaws.com"},
              "ForAllValues:StringEquals": {"k:amr": "x"},
              "StringNotEquals": {"k:x": "y"},
              "Bool": {"aws:SecureTransport": true},
              "NumericLessThan": {"n": 5}
            }}]}
            """#)
        let statement = document.statements[0]
        let sub = try #require(statement.conditions(on: "K:SUB").first)
        #expect(sub.conditionOperator.qualifier == .forAnyValue && sub.conditionOperator.isPattern && !sub.pinsExactly)
        let aud = try #require(statement.conditions(on: "k:aud").first)
        #expect(aud.conditionOperator.ifExists && aud.conditionOperator.base == "StringEquals" && !aud.pinsExactly)
        #expect(statement.conditions(on: "k:amr").first?.pinsExactly == false)
        #expect(statement.conditions(on: "k:x").first?.conditionOperator.negated == true)
        #expect(statement.conditions(on: "aws:SecureTransport").first?.values == ["true"])
        #expect(statement.conditions(on: "n").first?.values == ["5"])
    }

    @Test func exactPinsWithLikeWithoutWildcards() throws {
        let document = try parse(#"{"Statement": {"Effect": "Allow", "Action": "a", "Condition": {"StringLike": {"k": "exact"}}}}"#)
        #expect(document.statements[0].conditions[0].pinsExactly)
    }

    @Test(arguments: [
        ("*", "s3:GetObject", true), ("s3:*", "S3:getobject", true), ("s3:Get*", "s3:PutObject", false),
        ("s3:?etObject", "s3:GetObject", true), ("ec2:Describe*Groups", "ec2:DescribeSecurityGroups", true),
        ("*:*", "iam:PassRole", true), ("iam:Pass", "iam:PassRole", false),
    ])
    func actionWildcards(_ pattern: String, _ action: String, _ expected: Bool) {
        let statement = PolicyStatement(effect: .allow, actions: .init([pattern]))
        #expect(statement.allows(action) == expected)
        #expect(PolicyStatement(effect: .allow, actions: .init([pattern], negated: true)).allows(action) == !expected)
        #expect(!PolicyStatement(effect: .deny, actions: .init([pattern])).allows(action))
    }

    @Test func principals() throws {
        let document = try parse(#"""
            {"Statement": [
              {"Effect": "Allow", "Action": "a", "Principal": "*"},
              {"Effect": "Allow", "Action": "a", "Principal": {"AWS": ["arn:aws:iam::1:root", "*"]}},
              {"Effect": "Allow", "Action": "a", "Principal": {"Service": "pods.eks.amazonaws.com", "Federated": "arn:aws:iam::1:oidc-provider/x"}},
              {"Effect": "Allow", "Action": "a", "NotPrincipal": {"AWS": "arn:aws:iam::1:root"}}
            ]}
            """#)
        #expect(document.statements.map { $0.principal?.isPublic } == [true, true, false, true])
        #expect(document.statements[2].principal?.values("Federated") == ["arn:aws:iam::1:oidc-provider/x"])
    }

    @Test func permissionLevels() throws {
        func level(_ statement: String) throws -> PermissionLevel { PermissionLevel.of(try parse(#"{"Statement": \#(statement)}"#)) }
        #expect(try level(#"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#) == .admin)
        #expect(try level(#"{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b"}"#) == .write)
        #expect(try level(#"{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}"#) == .admin)
        #expect(try level(#"{"Effect": "Allow", "Action": ["s3:Get*", "ec2:Describe*"], "Resource": "*"}"#) == .readOnly)
        #expect(try level(#"{"Effect": "Allow", "Action": "s3:G*", "Resource": "*"}"#) == .write)
        #expect(try level(#"{"Effect": "Deny", "Action": "*", "Resource": "*"}"#) == .none)
    }

    @Test func issuerMatching() throws {
        let issuer = try #require(OIDCIssuer(url: "https://oidc.eks.us-east-1.amazonaws.com/id/ABC/"))
        #expect(issuer.hostPath == "oidc.eks.us-east-1.amazonaws.com/id/ABC")
        #expect(issuer.isNamed(by: "arn:aws:iam::1:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/abc"))
        #expect(issuer.isNamed(by: "arn:aws:iam::1:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/*"))
        #expect(!issuer.isNamed(by: "arn:aws:iam::1:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABCD"))
        #expect(OIDCIssuer(url: "http://insecure") == nil)
    }

    @Test func imageReferences() {
        let ecr = ImageReference("111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/web:1.0@sha256:abc")
        #expect(ecr.ecr?.account == "111122223333" && ecr.ecr?.region == "eu-west-1")
        #expect(ecr.repository == "team/web" && ecr.tag == "1.0" && ecr.digest == "sha256:abc")
        #expect(ImageReference("nginx").location == "docker.io/library/nginx")
        #expect(ImageReference("localhost:5000/app").host == "localhost:5000")
        #expect(ImageReference("localhost:5000/app").tag == nil)
    }

    // MARK: hostile input, bounded

    @Test func oversizedDocumentsAreRefused() {
        let big = #"{"Statement": [{"Effect": "Allow", "Action": "\#(String(repeating: "a", count: PolicyDocument.maxBytes))"}]}"#
        #expect(problem(big)?.contains("more than") == true)
    }

    @Test func tooManyStatementsOrValuesAreRefused() {
        let statements = Array(repeating: #"{"Effect": "Allow", "Action": "a"}"#, count: PolicyDocument.maxStatements + 1).joined(separator: ",")
        #expect(problem(#"{"Statement": [\#(statements)]}"#)?.contains("statements") == true)
        let values = Array(repeating: #""a""#, count: PolicyDocument.maxValuesPerElement + 1).joined(separator: ",")
        #expect(problem(#"{"Statement": [{"Effect": "Allow", "Action": [\#(values)]}]}"#)?.contains("values") == true)
    }

    @Test func deeplyNestedJSONFailsCleanly() {
        let nested = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        #expect(problem(#"{"Statement": \#(nested)}"#) != nil)
    }

    /// A pattern built to make naive backtracking exponential finishes at once.
    @Test func pathologicalWildcardsStayLinear() {
        let pattern = String(repeating: "*a", count: 1_000) + "b"
        let text = String(repeating: "a", count: 2_000)
        let start = Date()
        #expect(!Glob(pattern).matches(text))
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func brokenPercentEncodingIsAnError() {
        #expect(problem("%7B%22Statement%ZZ") != nil)
    }
}
