import EKSGuardCore
@testable import Gatekeeper
import KubernetesAudit
import Testing

@Suite struct ConstraintMatchTests {
    let privileged = "containers: [{name: a, image: x, securityContext: {privileged: true}}]"

    func applies(_ match: String, metadata: String = "{name: web, namespace: apps, labels: {team: a}}", namespaceLabels: [String: String]? = nil) throws -> Bool {
        let constraint = try Fixture.constraint("K8sPSPPrivilegedContainer", "match: \(match)")
        var review = PodReview(object: try Fixture.pod(privileged, metadata: metadata), operation: .create)
        review.namespaceLabels = namespaceLabels
        return constraint.evaluate(review) != nil
    }

    @Test func kinds() throws {
        #expect(try applies("{kinds: [{apiGroups: [\"\"], kinds: [Pod]}]}"))
        #expect(try !applies("{kinds: [{apiGroups: [apps], kinds: [Pod]}]}"))
        #expect(try applies("{kinds: [{apiGroups: [\"*\"], kinds: [\"*\"]}]}"))
        #expect(try !applies("{kinds: [{apiGroups: [\"\"], kinds: [Service]}]}"))
    }

    @Test func namespacesWithGlobs() throws {
        #expect(try applies("{namespaces: [\"app*\"]}"))
        #expect(try !applies("{namespaces: [prod]}"))
        #expect(try !applies("{excludedNamespaces: [\"*ps\"]}"))
        #expect(try applies("{excludedNamespaces: [kube-system]}"))
        #expect(try applies("{excludedNamespaces: [apps]}", metadata: "{name: web}"), "cluster-scoped objects are not filtered by namespace")
    }

    @Test func scope() throws {
        #expect(try applies("{scope: Namespaced}"))
        #expect(try !applies("{scope: Cluster}"))
        #expect(try applies("{scope: Cluster}", metadata: "{name: web}"))
        #expect(throws: ConstraintError.self) { try applies("{scope: Everywhere}") }
    }

    @Test func labelSelector() throws {
        #expect(try applies("{labelSelector: {matchLabels: {team: a}}}"))
        #expect(try !applies("{labelSelector: {matchLabels: {team: b}}}"))
        #expect(try applies("{labelSelector: {matchExpressions: [{key: team, operator: In, values: [a, b]}]}}"))
        #expect(try !applies("{labelSelector: {matchExpressions: [{key: team, operator: NotIn, values: [a]}]}}"))
        #expect(try applies("{labelSelector: {matchExpressions: [{key: tier, operator: DoesNotExist}]}}"))
        #expect(try !applies("{labelSelector: {matchExpressions: [{key: tier, operator: Exists}]}}"))
        #expect(throws: ConstraintError.self) { try applies("{labelSelector: {matchExpressions: [{key: a, operator: Near}]}}") }
    }

    @Test func namespaceSelector() throws {
        #expect(try applies("{namespaceSelector: {matchLabels: {env: prod}}}", namespaceLabels: ["env": "prod"]))
        #expect(try !applies("{namespaceSelector: {matchLabels: {env: prod}}}", namespaceLabels: ["env": "dev"]))
        // Without the Namespace object only the name label is known.
        #expect(try applies("{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: apps}}}"))
        #expect(try !applies("{namespaceSelector: {matchLabels: {env: prod}}}"))
    }

    @Test func controllersAreCheckedThroughTheirPodTemplate() throws {
        let deployment = try Fixture.object("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d, namespace: apps}
            spec:
              template:
                metadata: {labels: {team: a}}
                spec:
                  ephemeralContainers: [{name: e, image: x, securityContext: {privileged: true}}]
            """)
        let workload = try #require(Workload(deployment))
        let podOnly = try Fixture.constraint("K8sPSPPrivilegedContainer", "match: {kinds: [{apiGroups: [\"\"], kinds: [Pod]}], labelSelector: {matchLabels: {team: a}}}")
        #expect(podOnly.evaluate(PodReview(workload: workload))?.count == 1)
        let deploymentKind = try Fixture.constraint("K8sPSPPrivilegedContainer", "match: {kinds: [{apiGroups: [apps], kinds: [Deployment]}]}")
        #expect(deploymentKind.evaluate(PodReview(workload: workload))?.count == 1)
        // Read as written (what gator does), a Deployment has no spec.containers to check.
        #expect(deploymentKind.evaluate(PodReview(object: deployment, operation: .create))?.count == 0)
    }

    @Test func enforcementActions() throws {
        #expect(try Fixture.constraint("K8sPSPHostNamespace", "enforcementAction: warn").action == .warn)
        #expect(try Fixture.constraint("K8sPSPHostNamespace", "enforcementAction: dryrun").action == .dryrun)
        #expect(try Fixture.constraint("K8sPSPHostNamespace", "{}").action == .deny)
        let scoped = try Fixture.constraint("K8sPSPHostNamespace", """
            enforcementAction: scoped
            scopedEnforcementActions:
            - {action: warn, enforcementPoints: [{name: validation.gatekeeper.sh}]}
            - {action: deny, enforcementPoints: [{name: audit.gatekeeper.sh}]}
            """)
        #expect(scoped.action == .warn)
    }
}
