import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-ACC-011: containers that expose an SSH server port.
package struct SSHPortContainerCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-ACC-011",
        title: "Containers do not run SSH servers",
        practice: .nodeAccess,
        severity: .medium,
        rationale: """
            A container declaring port 22 (`containers[].ports[].containerPort`) usually runs sshd: a second, \
            unaudited way in that bypasses Kubernetes RBAC and its audit log, with keys or passwords baked into the \
            image. Every container of every workload and pod is read.
            """,
        remediation: """
            Remove sshd from the image and the port from the pod spec; use kubectl exec (audited, RBAC-controlled) \
            for debugging.
            """,
        references: ["kubescape:C-0042"],
        passing: [
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "app"},
                  "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "nginx", "ports": [{"containerPort": 8080}]}]}}}}]}
                """#),
        ],
        failing: [
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "legacy", "namespace": "app"},
                  "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "legacy", "ports": [{"containerPort": 8080}, {"name": "ssh", "containerPort": 22}]}]}}}}]}
                """#, expect: ["Deployment/app/legacy/app"]),
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "odd", "namespace": "app"},
                  "spec": {"containers": [{"name": "app", "image": "x", "ports": [{"containerPort": "twenty-two"}]}]}}]}
                """#, status: .error, note: "containerPort that is not a number"),
            .cluster(#"{"cluster": {"name": "prod"}}"#, status: .error, note: "no Kubernetes input"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let inventory = facts.requireKubernetes.value(orReportAt: facts.resource, into: &findings) else { return findings }
        if let gap = inventory.workloadGap { return [.gap(gap, at: facts.resource)] }
        for workload in inventory.workloads {
            var flagged = false
            for container in workload.containers {
                for port in container.cursor["ports"].items {
                    let field = port["containerPort"]
                    switch field.int {
                    case .invalid(let reason):
                        findings.append(.error(reason, at: workload.ref(field, container: container)))
                        flagged = true
                    case .value(22):
                        findings.append(.fail("\(container.label) exposes containerPort 22 (SSH)", at: workload.ref(field, container: container)))
                        flagged = true
                    default: break
                    }
                }
            }
            if !flagged {
                findings.append(.pass("\(workload.containers.count) container(s), none exposes port 22", at: workload.resource))
            }
        }
        if findings.isEmpty { findings.append(.notApplicable("the Kubernetes input has no workloads", at: facts.resource)) }
        return findings
    }
}
