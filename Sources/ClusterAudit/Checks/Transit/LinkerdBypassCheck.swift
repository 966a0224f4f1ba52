import EKSGuardCore
import KubernetesAudit

/// EKS-TRN-005: Linkerd encrypts every meshed TCP connection, except ports told to skip the proxy.
package struct LinkerdBypassCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-TRN-005",
        title: "No Linkerd traffic bypasses mutual TLS",
        practice: .transitEncryption,
        severity: .medium,
        rationale: """
            Linkerd's proxy encrypts meshed TCP automatically, but ports listed in \
            `config.linkerd.io/skip-inbound-ports` or `skip-outbound-ports` never reach the proxy and \
            travel in clear text (medium; `opaque-ports` stay encrypted and are fine). A default inbound \
            policy of `all-unauthenticated` (on the namespace or pod, `config.linkerd.io/default-inbound-policy`) \
            with no `Server`/`AuthorizationPolicy` resources accepts clients that are not in the mesh (low).
            """,
        remediation: """
            Remove skip-port annotations (mark non-HTTP ports opaque instead), set \
            config.linkerd.io/default-inbound-policy: all-authenticated, and declare Server and \
            AuthorizationPolicy resources for each service.
            """,
        references: [],
        passing: [
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop", "annotations": {"linkerd.io/inject": "enabled", "config.linkerd.io/default-inbound-policy": "all-authenticated"}}},
                  {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"},
                   "spec": {"template": {"metadata": {"annotations": {"config.linkerd.io/opaque-ports": "5432"}}, "spec": {"containers": [{"name": "web", "image": "web:1"}]}}}}]}
                """#),
            .cluster(#"{"kubernetes": []}"#, note: "no Linkerd: not applicable"),
        ],
        failing: [
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop", "annotations": {"linkerd.io/inject": "enabled"}}},
                  {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"},
                   "spec": {"template": {"metadata": {"annotations": {"config.linkerd.io/skip-inbound-ports": "8080,9090"}}, "spec": {"containers": [{"name": "web", "image": "web:1"}]}}}}]}
                """#, expect: ["Deployment/shop/web"]),
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop", "annotations": {"linkerd.io/inject": "enabled", "config.linkerd.io/default-inbound-policy": "all-unauthenticated"}}}]}
                """#, expect: ["Namespace/shop"]),
            .cluster(#"{"cluster": {"name": "prod"}}"#, status: .error, note: "no Kubernetes input"),
        ]
    )

    private static let skipAnnotations = ["config.linkerd.io/skip-inbound-ports", "config.linkerd.io/skip-outbound-ports"]
    private static let policyAnnotation = "config.linkerd.io/default-inbound-policy"

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let inventory = facts.requireKubernetes.value(orReportAt: facts.resource, into: &findings),
              let mesh = MeshFacts.read(inventory, context: context).value(orReportAt: facts.resource, into: &findings),
              let namespaces = inventory.objects(KubernetesInventory.namespace).value(orReportAt: facts.resource, into: &findings),
              let servers = inventory.objects(kind: "Server", groups: ["policy.linkerd.io"]).value(orReportAt: facts.resource, into: &findings),
              let authorizations = inventory.objects(kind: "AuthorizationPolicy", groups: ["policy.linkerd.io"])
                .value(orReportAt: facts.resource, into: &findings)
        else { return findings }
        guard mesh.installed.contains(.linkerd) else { return [.notApplicable("Linkerd is not in use", at: facts.resource)] }
        let hasPolicies = !servers.isEmpty || !authorizations.isEmpty
        for workload in inventory.workloads where mesh.proxies(in: workload).contains(.linkerd) || mesh.enrolment[workload.namespace]?.contains(.linkerd) == true {
            let annotations = workload.podAnnotations
            let skipped = Self.skipAnnotations.compactMap { key in annotations[key].map { "\(key)=\($0)" } }
            if skipped.isEmpty {
                findings.append(.pass("no skip-port annotations", at: workload.resource))
            } else {
                findings.append(.fail("ports bypass the proxy in clear text: \(skipped.joined(separator: "; "))", at: workload.ref(workload.podMetadata)))
            }
            if annotations[Self.policyAnnotation] == "all-unauthenticated", !hasPolicies {
                findings.append(.fail("default inbound policy all-unauthenticated and no Server or AuthorizationPolicy", at: workload.resource, severity: .low))
            }
        }
        for namespace in namespaces where namespace.annotationMap[Self.policyAnnotation] == "all-unauthenticated" && !hasPolicies {
            findings.append(.fail(
                "namespace default inbound policy is all-unauthenticated and no Server or AuthorizationPolicy exists: clients outside the mesh are accepted",
                at: namespace.resource, severity: .low))
        }
        if findings.isEmpty { findings.append(.pass("Linkerd in use (\(mesh.summary)); no workload skips the proxy", at: facts.resource)) }
        return findings
    }
}
