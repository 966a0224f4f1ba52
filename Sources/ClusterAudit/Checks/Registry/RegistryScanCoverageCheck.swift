import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IMG-001: every repository is scanned automatically (on push or continuously).
package struct RegistryScanCoverageCheck: ClusterCheck {
    package init() {}

    typealias E = RegistryExamples

    package static let metadata = CheckMetadata(
        id: "EKS-IMG-001",
        title: "Registry scanning covers every repository",
        practice: .imageScanning,
        severity: .high,
        rationale: """
            The registry-level scanning configuration decides what is scanned; the per-repository \
            `scanOnPush` flag is legacy and ignored once registry rules exist (tools that read only the flag \
            report enhanced-scanning registries as unscanned). The effective state per repository comes \
            from `BatchGetRepositoryScanningConfiguration` (`scanFrequency`, `appliedScanFilters`), or from \
            the registry rules' wildcard filters when that call is missing. `MANUAL` (or no applied filter) \
            means images are never scanned unless someone asks.
            """,
        remediation: """
            aws ecr put-registry-scanning-configuration --scan-type ENHANCED --rules \
            '[{"scanFrequency":"CONTINUOUS_SCAN","repositoryFilters":[{"filter":"*","filterType":"WILDCARD"}]}]'
            """,
        references: [
            "CIS-EKS-1.8.0:5.1.1", "CIS-EKS-1.7.0:5.1.1", "prowler:ecr_registry_scan_images_on_push_enabled", "kubescape:C-0221",
            "checkov:CKV_AWS_163", "trivy:AWS-0030", "securityhub:ECR.1", "bpg:image-scan-regularly",
        ],
        passing: [
            .cluster(E.calls(E.scanning("BASIC", rules: E.onPushForAll), E.describeRepositories(E.repository("web", #""imageScanningConfiguration": {"scanOnPush": false}"#)))),
            .cluster(E.calls(
                E.scanning("ENHANCED"), E.describeRepositories(E.repository("web")),
                #"{"call": "ecr:BatchGetRepositoryScanningConfiguration", "response": {"scanningConfigurations": [{"repositoryName": "web", "scanFrequency": "CONTINUOUS_SCAN", "appliedScanFilters": [{"filter": "*", "filterType": "WILDCARD"}]}]}}"#),
                note: "enhanced scanning; per-repo scanOnPush irrelevant"),
        ],
        failing: [
            .cluster(E.calls(E.scanning("BASIC"), E.describeRepositories(E.repository("web", #""imageScanningConfiguration": {"scanOnPush": true}"#))), expect: ["ECRRepository/web"]),
            .cluster(E.calls(
                E.scanning("BASIC", rules: E.onPushForAll), E.describeRepositories(E.repository("web")),
                #"{"call": "ecr:BatchGetRepositoryScanningConfiguration", "response": {"scanningConfigurations": [{"repositoryName": "web", "scanFrequency": "MANUAL", "appliedScanFilters": []}]}}"#)),
            .cluster(E.calls(E.scanning("FAST"), E.describeRepositories(E.repository("web"))), status: .error, note: "unknown scan type"),
            .cluster(E.calls(E.describeRepositories(E.repository("web"))), status: .error, note: "no registry configuration"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let aws = facts.requireAWS.value(orReportAt: facts.registryRef, into: &findings),
              let registry = aws.registryScanning.value(orReportAt: facts.registryRef, into: &findings),
              let effective = aws.repositoryScanning.value(orReportAt: facts.registryRef, into: &findings)
        else { return findings }
        return aws.eachRepository(at: facts.registryRef) { repository, _ in
            let ref = repository.ref("scanningConfigurations[].scanFrequency")
            let frequency: String
            let source: String
            if let state = effective[repository.name] {
                frequency = state["scanFrequency"]?.string ?? "MANUAL"
                let filters = state["appliedScanFilters"]?.array?.compactMap { $0["filter"]?.string } ?? []
                source = "effective scanFrequency \(frequency), applied filters [\(filters.joined(separator: ", "))]"
                guard RegistryScanning.frequencies.contains(frequency) else {
                    return .error("repository \(repository.name) has unknown scanFrequency \(frequency)", at: ref)
                }
                if frequency != "MANUAL", filters.isEmpty {
                    return .fail("\(repository.name): \(source): no registry rule applies", at: ref)
                }
            } else {
                frequency = registry.frequency(for: repository.name)
                source = "registry rules give \(frequency)"
            }
            if frequency == "MANUAL" {
                return .fail("\(repository.name): \(source) under \(registry.scanType.rawValue) scanning: images are not scanned automatically", at: ref)
            }
            return .pass("\(repository.name): \(source) under \(registry.scanType.rawValue) scanning", at: ref)
        }
    }
}
