import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IMG-006: workloads pull only from approved registries.
package struct ApprovedRegistryCheck: ClusterCheck {
    package init() {}

    typealias E = RegistryExamples

    static let setting = "approved-registries"

    static func example(_ image: String) -> String {
        #"{"cluster": {"name": "prod"}, "kubernetes": [\#(E.pod(image, digest: nil))]}"#
    }

    package static let metadata = CheckMetadata(
        id: "EKS-IMG-006",
        title: "Workloads pull images from approved registries only",
        practice: .imageScanning,
        severity: .medium,
        rationale: """
            Images from registries outside your control escape your scanning, signing and retention. \
            The `approved-registries` setting is a comma-separated list of `host[/path]` glob patterns an \
            image's `host/repository` must match or sit under; by default it is this account's ECR in the \
            cluster's region (which holds pull-through cache repositories for ECR Public, Docker Hub and \
            others) and the EKS add-on registries (`602401143452.dkr.ecr.<region>.amazonaws.com`, \
            `public.ecr.aws/eks`, `public.ecr.aws/eks-distro`). One finding per workload.
            """,
        remediation: """
            Mirror the image into your ECR (pull-through cache rules: aws ecr create-pull-through-cache-rule) \
            and reference it there, or add the registry to approved-registries after review.
            """,
        references: ["CIS-EKS-1.8.0:5.1.4", "CIS-EKS-1.7.0:5.1.4", "kubescape:C-0078", "gatekeeper:K8sAllowedRepos", "kyverno:restrict-image-registries"],
        passing: [
            .cluster(example("\(E.registryHost)/web:1.0")),
            .cluster(example("ghcr.io/acme/app:2"), options: [setting: "ghcr.io/acme"]),
        ],
        failing: [
            .cluster(example("nginx:1.27"), expect: ["Pod/apps/web"]),
            .cluster(example("ghcr.io/evil/app:2"), options: [setting: "ghcr.io/acme"]),
            .cluster(#"{"cluster": {"name": "prod"}}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let kubernetes = facts.requireKubernetes.value(orReportAt: facts.resource, into: &findings) else { return findings }
        if let gap = kubernetes.workloadGap { return [.gap(gap, at: facts.resource)] }
        let region = facts.aws?.region ?? "*"
        let defaults = [facts.aws?.registryHost ?? "*.dkr.ecr.\(region).amazonaws.com", "602401143452.dkr.ecr.\(region).amazonaws.com", "public.ecr.aws/eks", "public.ecr.aws/eks-distro"]
        let approved = context.list(Self.setting, default: defaults)
        for workload in kubernetes.workloads {
            var outside: [String] = []
            var seen: [String] = []
            for container in workload.containers {
                guard let image = container.cursor["image"].string.value else { continue }
                let location = ImageReference(image).location
                seen.append(location)
                if !approved.contains(where: { Self.covers($0, location) }) { outside.append("\(container.name): \(image)") }
            }
            if outside.isEmpty {
                findings.append(.pass("images from approved registries: \(Set(seen).sorted().joined(separator: ", "))", at: workload.resource))
            } else {
                findings.append(.fail("images outside \(approved.joined(separator: ", ")): \(outside.joined(separator: "; "))", at: workload.resource))
            }
        }
        if findings.isEmpty { return [.notApplicable("no workloads in the Kubernetes input", at: facts.resource)] }
        return findings
    }

    /// A pattern covers a location it matches, or one under it (`ghcr.io/acme` covers `ghcr.io/acme/app`).
    static func covers(_ pattern: String, _ location: String) -> Bool {
        Glob(pattern).matches(location) || Glob(pattern + "/*").matches(location)
    }
}
