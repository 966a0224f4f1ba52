@testable import AdmissionWebhook
import EKSGuardCore
import Foundation
import Gatekeeper
import KubernetesAudit
import Testing

@Suite struct AdmissionReviewerTests {
    let reviewer = AdmissionReviewer(policy: WebhookPolicy())

    func decide(_ body: String, with reviewer: AdmissionReviewer? = nil) throws -> AdmissionDecision {
        try (reviewer ?? self.reviewer).review(Array(body.utf8))
    }

    @Test(arguments: Reviews.kinds.map(\.kind))
    func everyWorkloadKindIsChecked(_ kind: String) throws {
        let denied = try decide(Reviews.review(kind: kind, spec: Reviews.privileged))
        #expect(!denied.allowed)
        #expect(denied.denials.contains { $0.rule == "EKS-POD-007" && $0.container == "app" && $0.field?.hasSuffix("containers[0].securityContext.privileged") == true })
        #expect(denied.denialMessage.contains("container \"app\""))
        #expect(denied.denialMessage.contains("Fix: "))
        let allowed = try decide(Reviews.review(kind: kind, spec: Reviews.compliant))
        #expect(allowed.allowed, "\(allowed.denials.map(\.text))")
    }

    @Test func responseIsAnAdmissionReview() throws {
        let decision = try decide(Reviews.review(spec: Reviews.privileged))
        let json = try #require(JSONSerialization.jsonObject(with: Data(decision.responseJSON.utf8)) as? [String: Any])
        let response = try #require(json["response"] as? [String: Any])
        #expect(json["apiVersion"] as? String == "admission.k8s.io/v1" && json["kind"] as? String == "AdmissionReview")
        #expect(response["uid"] as? String == "705ab4f5-6393-11e8-b7cc-42010a800002")
        #expect(response["allowed"] as? Bool == false)
        let status = try #require(response["status"] as? [String: Any])
        #expect(status["code"] as? Int == 403)
        #expect((status["message"] as? String)?.contains("spec.containers[0].securityContext.privileged") == true)
    }

    @Test func metadataOnlyUpdateIsAllowedButSpecChangeIsChecked() throws {
        let same = try decide(Reviews.review(spec: Reviews.privileged, operation: "UPDATE", old: Reviews.privileged))
        #expect(same.allowed)
        let changed = try decide(Reviews.review(kind: "Deployment", spec: Reviews.privileged, operation: "UPDATE", old: Reviews.compliant))
        #expect(!changed.allowed)
    }

    @Test func dryRunGetsTheSameAnswer() throws {
        let real = try decide(Reviews.review(spec: Reviews.privileged))
        let dry = try decide(Reviews.review(spec: Reviews.privileged, dryRun: true))
        #expect(dry.dryRun && !dry.allowed)
        #expect(dry.denials == real.denials)
    }

    @Test func deleteAndExemptNamespacesAreNotChecked() throws {
        let delete = try decide(Reviews.review(spec: Reviews.privileged, operation: "DELETE", old: Reviews.privileged))
        #expect(delete.allowed && delete.skipped != nil)
        let system = try decide(Reviews.review(spec: Reviews.privileged, namespace: "kube-system"))
        #expect(system.allowed && system.skipped == "namespace is exempt")
    }

    @Test func configurationChoosesDenyWarnOff() throws {
        let policy = try WebhookPolicy.load(Array("""
            defaultAction: warn
            checks:
              EKS-POD-007: deny
              EKS-POD-00*: off
            exemptNamespaces: ["team-*"]
            """.utf8), name: "webhook.yaml")
        let configured = AdmissionReviewer(policy: policy)
        let noEscalation = Reviews.compliant.replacingOccurrences(of: "\"allowPrivilegeEscalation\":false", with: "\"allowPrivilegeEscalation\":true")
        let warned = try decide(Reviews.review(spec: noEscalation), with: configured)
        #expect(warned.allowed && !warned.warnings.contains { $0.rule == "EKS-POD-005" }, "EKS-POD-005 is off by the glob")
        let denied = try decide(Reviews.review(spec: Reviews.privileged), with: configured)
        #expect(!denied.allowed, "the first matching pattern decides")
        let exempt = try decide(Reviews.review(spec: Reviews.privileged, namespace: "team-a"), with: configured)
        #expect(exempt.allowed)
        #expect(throws: ConstraintError.self) { try WebhookPolicy.load(Array("checks: {X: block}".utf8), name: "w.yaml") }
        #expect(throws: ConstraintError.self) { try WebhookPolicy.load(Array("exempt: []".utf8), name: "w.yaml") }
    }

    @Test func warnModeReturnsWarnings() throws {
        let policy = WebhookPolicy(defaultAction: .warn)
        let decision = try decide(Reviews.review(spec: Reviews.privileged), with: AdmissionReviewer(policy: policy))
        #expect(decision.allowed && !decision.warnings.isEmpty)
        #expect(decision.responseJSON.contains("\"[EKS-POD-007] container \\\"app\\\""))
    }

    @Test func constraintsDenyWarnAndRecord() throws {
        func constraint(_ action: String, _ name: String) throws -> Constraint {
            let text = "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sPSPHostNamespace\nmetadata: {name: \(name)}\nspec: {enforcementAction: \(action)}"
            return try #require(ConstraintLoader.parse(Array(text.utf8), name: "c.yaml").constraints.first)
        }
        let hostPID = Reviews.compliant.replacingOccurrences(of: "{\"securityContext\"", with: "{\"hostPID\":true,\"securityContext\"")
        let policy = WebhookPolicy(checkActions: [(Glob("EKS-*"), .off)])
        let reviewer = AdmissionReviewer(policy: policy, constraints: [try constraint("deny", "a"), try constraint("warn", "b"), try constraint("dryrun", "c")])
        let decision = try decide(Reviews.review(kind: "Deployment", spec: hostPID), with: reviewer)
        #expect(decision.denials.map(\.rule) == ["GK-K8sPSPHostNamespace/a"])
        #expect(decision.warnings.map(\.rule) == ["GK-K8sPSPHostNamespace/b"])
        #expect(decision.recorded.map(\.rule) == ["GK-K8sPSPHostNamespace/c"])
        // The library skips UPDATE for hostPID, which cannot change on a running pod.
        let update = try decide(Reviews.review(spec: hostPID, operation: "UPDATE", old: Reviews.compliant), with: reviewer)
        #expect(update.allowed)
    }

    static let malformed: [String] = [
        "", "not json", "[]", "{}", "{\"kind\":\"AdmissionReview\"}",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"operation\":\"CREATE\"}}",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"operation\":\"PATCH\"}}",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"operation\":\"CREATE\"}}",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"operation\":\"CREATE\",\"object\":[1]}}",
        String(repeating: "[", count: 10_000),
        "{\"a\":1}\n---\n{\"b\":2}",
        "\u{FEFF}\u{0}\u{1}",
    ]

    @Test(arguments: malformed)
    func malformedBodiesAreRejectedNotCrashed(_ body: String) {
        #expect(throws: BadAdmissionRequest.self) { try decide(body) }
    }

    @Test func notAWorkloadIsAllowed() throws {
        let body = """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1","operation":"CREATE",
             "object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}}}
            """
        let decision = try decide(body)
        #expect(decision.allowed && decision.skipped != nil)
    }
}
