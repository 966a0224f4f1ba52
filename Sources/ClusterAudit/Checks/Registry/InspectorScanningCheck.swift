import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IMG-003: enhanced scanning needs Inspector enabled for ECR; basic scanning has no
/// continuous rescans and misses language packages.
package struct InspectorScanningCheck: ClusterCheck {
    package init() {}

    typealias E = RegistryExamples

    static let statuses: Set<String> = ["ENABLING", "ENABLED", "DISABLING", "DISABLED", "SUSPENDING", "SUSPENDED"]

    static func inspector(_ status: String) -> String {
        #"{"call": "inspector2:BatchGetAccountStatus", "response": {"accounts": [{"accountId": "111122223333", "resourceState": {"ecr": {"status": "\#(status)"}}}]}}, {"call": "inspector2:GetConfiguration", "response": {"ecrConfiguration": {"rescanDurationState": {"rescanDuration": "DAYS_90", "status": "SUCCESS"}}}}"#
    }

    package static let metadata = CheckMetadata(
        id: "EKS-IMG-003",
        title: "Enhanced scanning is active through Inspector",
        practice: .imageScanning,
        severity: .high,
        rationale: """
            With scan type ENHANCED, Amazon Inspector scans the images, continuously, OS and language \
            packages; if Inspector's ECR scanning (`inspector2:BatchGetAccountStatus → \
            resourceState.ecr.status`) is not ENABLED nothing is scanned at all (high). BASIC scanning \
            scans on push only and OS packages only (medium). The rescan duration \
            (`inspector2:GetConfiguration`) is shown as evidence: images older than it stop being rescanned \
            (`SCAN_ELIGIBILITY_EXPIRED`, see EKS-IMG-004).
            """,
        remediation: """
            aws inspector2 enable --resource-types ECR, and aws ecr put-registry-scanning-configuration --scan-type ENHANCED \
            with a CONTINUOUS_SCAN rule.
            """,
        references: ["prowler:inspector2_is_enabled", "prowler:ecr_registry_enhanced_scanning_enabled", "CIS-EKS-1.8.0:5.1.1"],
        passing: [.cluster(E.calls(E.scanning("ENHANCED"), inspector("ENABLED")))],
        failing: [
            .cluster(E.calls(E.scanning("ENHANCED"), inspector("DISABLED")), expect: ["resourceState.ecr.status"], note: "high"),
            .cluster(E.calls(E.scanning("BASIC")), expect: ["scanningConfiguration.scanType"], note: "medium"),
            .cluster(E.calls(E.scanning("ENHANCED"), inspector("HIBERNATING")), status: .error, note: "unknown status"),
            .cluster(E.calls(E.scanning("ENHANCED")), status: .error, note: "Inspector status not collected"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        let ref = facts.registryRef.at("scanningConfiguration.scanType", nil)
        guard let aws = facts.requireAWS.value(orReportAt: ref, into: &findings),
              let registry = aws.registryScanning.value(orReportAt: ref, into: &findings)
        else { return findings }
        guard registry.scanType == .enhanced else {
            return [.fail("scan type BASIC: scans on push only, OS packages only, no continuous rescans", at: ref, severity: .medium)]
        }
        let statusRef = facts.registryRef.at("resourceState.ecr.status", nil)
        guard let answer = aws.response("inspector2", "BatchGetAccountStatus").value(orReportAt: statusRef, into: &findings) else { return findings }
        let accountID = aws.snapshot.accountID
        let accounts = answer["accounts"]?.array ?? []
        let account = accounts.first { $0["accountId"]?.string == accountID } ?? accounts.first
        let status = account?[path: "resourceState.ecr.status"]?.string ?? "(none)"
        guard Self.statuses.contains(status) else { return [.error("Inspector ECR status has unknown value \(status)", at: statusRef)] }
        let rescan = (try? aws.response("inspector2", "GetConfiguration").get())?[path: "ecrConfiguration.rescanDurationState.rescanDuration"]?.string
        let rescanText = rescan.map { ", rescan duration \($0)" } ?? ""
        if status == "ENABLED" { return [.pass("scan type ENHANCED, Inspector ECR scanning ENABLED\(rescanText)", at: statusRef)] }
        return [.fail("scan type ENHANCED but Inspector ECR scanning is \(status): images are not scanned", at: statusRef)]
    }
}
