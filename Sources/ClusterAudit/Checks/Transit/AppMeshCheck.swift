import ClusterSnapshot
import EKSGuardCore
import Foundation
import KubernetesAudit

/// EKS-TRN-006: App Mesh is past its end of support, and its TLS is opt-in per listener.
package struct AppMeshCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-TRN-006",
        title: "No App Mesh (end of support), or App Mesh with strict mutual TLS",
        practice: .transitEncryption,
        severity: .high,
        rationale: """
            AWS App Mesh reaches end of support on 2026-09-30: no fixes after that date, so any use is \
            high. Its TLS is configured per virtual node: a listener without `tls` or with a mode other \
            than STRICT accepts clear text (medium); a listener without `validation` or clients without a \
            certificate give one-way TLS only (low). Reads `VirtualNode` objects (appmesh.k8s.aws) and \
            `appmesh:DescribeVirtualNode` answers when collected.
            """,
        remediation: """
            Migrate to Amazon ECS Service Connect, Amazon VPC Lattice or Istio/Linkerd; until then set \
            listeners' tls.mode STRICT with validation and client certificates on backendDefaults.
            """,
        references: ["bpg:network/service-mesh"],
        passing: [
            .cluster(#"{"kubernetes": []}"#, note: "no App Mesh objects"),
            .cluster(#"{"calls": [{"call": "appmesh:ListMeshes", "response": {"meshes": []}}]}"#, note: "AWS side only"),
        ],
        failing: [
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "appmesh.k8s.aws/v1beta2", "kind": "VirtualNode", "metadata": {"name": "web", "namespace": "shop"},
                   "spec": {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}, "tls": {"mode": "PERMISSIVE", "certificate": {"acm": {"certificateARN": "arn:aws:acm:us-east-1:111122223333:certificate/1"}}}}]}}]}
                """#, expect: ["VirtualNode/shop/web"]),
            .cluster(#"""
                {"calls": [{"call": "appmesh:ListMeshes", "response": {"meshes": [{"meshName": "legacy", "arn": "arn:aws:appmesh:us-east-1:111122223333:mesh/legacy"}]}}]}
                """#, expect: ["AppMesh/legacy"], note: "in use according to AWS only"),
            .cluster(#"{"cluster": {"name": "prod"}}"#, status: .error, note: "neither Kubernetes input nor appmesh:ListMeshes"),
        ]
    )

    private static let endOfSupport = ISO8601DateFormatter().date(from: "2026-09-30T00:00:00Z")!

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        var sawData = false
        var used: [ResourceRef] = []
        if let inventory = facts.kubernetes {
            guard let nodes = inventory.objects(kind: "VirtualNode", groups: ["appmesh.k8s.aws"]).value(orReportAt: facts.resource, into: &findings)
            else { return findings }
            sawData = true
            for node in nodes {
                used.append(node.resource)
                let listeners = node.root["spec"]["listeners"].items.map { Listener(mode: $0["tls"]["mode"].string.value, hasTLS: $0["tls"].exists, validated: $0["tls"]["validation"].exists) }
                let clientCertificate = node.root["spec"]["backendDefaults"]["clientPolicy"]["tls"]["certificate"].exists
                findings += judge(listeners, clientCertificate: clientCertificate, at: node.resource)
            }
        }
        // An older snapshot has no App Mesh calls: then Kubernetes decides. A failed call is reported.
        if let aws = facts.aws, aws.snapshot.call("appmesh", "ListMeshes") != nil,
           let meshes = aws.response("appmesh", "ListMeshes").value(orReportAt: facts.resource, into: &findings)
        {
            sawData = true
            for mesh in meshes["meshes"]?.array ?? [] {
                used.append(ResourceRef(kind: "AppMesh", name: mesh["meshName"]?.string, arn: mesh["arn"]?.string))
            }
            for (_, answer) in (try? aws.responses("appmesh", "DescribeVirtualNode").get()) ?? [] {
                guard let node = answer["virtualNode"] else { continue }
                let ref = ResourceRef(kind: "AppMeshVirtualNode", name: node["virtualNodeName"]?.string, arn: node[path: "metadata.arn"]?.string)
                let listeners = (node[path: "spec.listeners"]?.array ?? []).map {
                    Listener(mode: $0[path: "tls.mode"]?.string, hasTLS: $0["tls"] != nil, validated: $0[path: "tls.validation"] != nil)
                }
                findings += judge(listeners, clientCertificate: node[path: "spec.backendDefaults.clientPolicy.tls.certificate"] != nil, at: ref)
            }
        }
        guard sawData else {
            return [.error("no Kubernetes input and no appmesh:ListMeshes answer: App Mesh use cannot be judged", at: facts.resource)]
        }
        guard !used.isEmpty else { return [.pass("no App Mesh mesh or virtual node found", at: facts.resource)] }
        let tense = context.now >= Self.endOfSupport ? "reached its end of support on 2026-09-30" : "reaches its end of support on 2026-09-30"
        for ref in used {
            findings.append(.fail("App Mesh is in use and \(tense): migrate", at: ref))
        }
        return findings
    }

    struct Listener {
        var mode: String?
        var hasTLS: Bool
        var validated: Bool
    }

    private func judge(_ listeners: [Listener], clientCertificate: Bool, at ref: ResourceRef) -> [Finding] {
        var findings: [Finding] = []
        for (index, listener) in listeners.enumerated() {
            let field = ref.at("spec.listeners[\(index)].tls", nil)
            switch listener.mode {
            case nil where !listener.hasTLS:
                findings.append(.fail("listener \(index) has no TLS: clear text", at: field, severity: .medium))
            case "STRICT":
                if !listener.validated || !clientCertificate {
                    findings.append(.fail("listener \(index) is STRICT but not mutual (validation: \(listener.validated), client certificate: \(clientCertificate))", at: field, severity: .low))
                }
            case "PERMISSIVE", "DISABLED", nil:
                findings.append(.fail("listener \(index) TLS mode \(listener.mode ?? "unset") accepts clear text", at: field, severity: .medium))
            case let other?:
                findings.append(.error("listener \(index) TLS mode \(other) is not a mode this build knows", at: field))
            }
        }
        return findings
    }
}
