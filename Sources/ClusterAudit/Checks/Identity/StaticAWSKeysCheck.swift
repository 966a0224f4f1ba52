import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IAM-016: long-lived AWS access keys handed to pods through the environment.
package struct StaticAWSKeysCheck: ClusterCheck {
    package init() {}

    static let keyNames: Set<String> = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]

    static func pod(_ env: String) -> String {
        #"{"kubernetes": [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "apps"}, "spec": {"containers": [{"name": "app", "image": "app:1", \#(env)}]}}, {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg", "namespace": "apps"}, "data": {"aws_secret_access_key": "not-shown", "region": "us-east-1"}}]}"#
    }

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-016",
        title: "No static AWS access keys in pod environments",
        practice: .podIdentity,
        severity: .high,
        rationale: """
            `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` in a container's `env` (a literal value or a \
            Secret reference) or in a ConfigMap it loads with `envFrom` are long-lived user keys: they do not \
            rotate, leak through `kubectl describe`, logs and crash dumps, and work from anywhere. Values are \
            never printed, only where the key is. Secrets are not read by the audit, so `envFrom` of a Secret \
            is not judged.
            """,
        remediation: """
            Remove the keys, deactivate them in IAM, and give the workload a role through IRSA or EKS Pod Identity.
            """,
        references: ["CIS-EKS-1.8.0:4.4.1", "kubescape:C-0012", "kubescape:C-0207", "prowler:core_no_secrets_envs", "kube-linter:env-var-secret"],
        passing: [
            .cluster(pod(#""env": [{"name": "AWS_REGION", "value": "us-east-1"}]"#)),
            .cluster(pod(#""envFrom": [{"secretRef": {"name": "other"}}]"#), note: "Secrets are not read"),
        ],
        failing: [
            .cluster(pod(#""env": [{"name": "AWS_SECRET_ACCESS_KEY", "value": "wJalrXUtnFEMI"}]"#), expect: ["spec.containers[0].env[0]"]),
            .cluster(pod(#""env": [{"name": "AWS_ACCESS_KEY_ID", "valueFrom": {"secretKeyRef": {"name": "aws", "key": "id"}}}]"#)),
            .cluster(pod(#""envFrom": [{"configMapRef": {"name": "cfg"}}]"#), expect: ["spec.containers[0].envFrom[0]"]),
            .cluster(#"{"cluster": {"name": "prod"}}"#, status: .error, note: "no Kubernetes input"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        let ref = facts.resource
        var findings: [Finding] = []
        guard let kubernetes = facts.requireKubernetes.value(orReportAt: ref, into: &findings),
              let configMaps = kubernetes.objects(KubernetesInventory.configMap).value(orReportAt: ref, into: &findings)
        else { return findings }
        if let gap = kubernetes.workloadGap { return [.gap(gap, at: ref)] }
        for workload in kubernetes.workloads {
            var failed = false
            for container in workload.containers {
                for entry in container.cursor["env"].items {
                    guard let name = entry["name"].string.value, Self.keyNames.contains(name.uppercased()) else { continue }
                    let source = entry["valueFrom"]["secretKeyRef"].exists ? "from Secret \(entry["valueFrom"]["secretKeyRef"]["name"].string.value ?? "?")" : "as a literal value"
                    findings.append(.fail("\(container.label) sets \(name) \(source)", at: workload.ref(entry, container: container)))
                    failed = true
                }
                for entry in container.cursor["envFrom"].items {
                    guard let mapName = entry["configMapRef"]["name"].string.value,
                          let map = configMaps.first(where: { $0.namespace == workload.object.namespace && $0.name == mapName })
                    else { continue }
                    let keys = map.root["data"].fields.map(\.key).filter { Self.keyNames.contains($0.uppercased()) }
                    guard !keys.isEmpty else { continue }
                    findings.append(.fail("\(container.label) loads \(keys.joined(separator: ", ")) from ConfigMap \(mapName)", at: workload.ref(entry, container: container)))
                    failed = true
                }
            }
            if !failed {
                findings.append(.pass("no AWS access key in the env or envFrom ConfigMaps of \(workload.containers.count) container(s)", at: workload.resource))
            }
        }
        if findings.isEmpty { return [.notApplicable("no workloads in the Kubernetes input", at: ref)] }
        return findings
    }
}
