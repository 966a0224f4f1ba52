import ClusterSnapshot
import EKSGuardCore
import Foundation
import KubernetesAudit

/// EKS-IMG-004: what runs in the cluster has been scanned, looked up by digest.
package struct RunningImageScanCheck: ClusterCheck {
    package init() {}

    typealias E = RegistryExamples

    static let setting = "scan-max-age-days"
    static let scanned: Set<String> = ["COMPLETE", "ACTIVE"]
    static let pending: Set<String> = ["IN_PROGRESS", "PENDING"]
    static let failed: Set<String> = ["FAILED", "UNSUPPORTED_IMAGE", "FINDINGS_UNAVAILABLE", "SCAN_ELIGIBILITY_EXPIRED", "LIMIT_EXCEEDED", "IMAGE_ARCHIVED"]
    static let digest = "sha256:" + String(repeating: "a", count: 64)

    static func example(status: String, completedAt: String = "2026-10-30T00:00:00Z", digest: String? = Self.digest) -> String {
        #"{"cluster": {"name": "prod"}, "calls": [\#(E.scanning("BASIC")), \#(E.describeImages(digest: Self.digest, status: status, completedAt: completedAt))], "kubernetes": [\#(E.pod(E.registryHost + "/web:1.0", digest: digest))]}"#
    }

    package static let metadata = CheckMetadata(
        id: "EKS-IMG-004",
        title: "Running images have been scanned",
        practice: .imageScanning,
        severity: .medium,
        rationale: """
            Scanning settings say what should be scanned; this check asks whether what actually runs was. \
            Each container of each Pod is keyed by the digest the kubelet resolved \
            (`status.containerStatuses[].imageID`, not the tag, which may have moved) and looked up in \
            `ecr:DescribeImages`. COMPLETE and ACTIVE (continuous scanning) mean scanned; FAILED, \
            UNSUPPORTED_IMAGE, FINDINGS_UNAVAILABLE, SCAN_ELIGIBILITY_EXPIRED, LIMIT_EXCEEDED, IMAGE_ARCHIVED \
            or no status fail; IN_PROGRESS/PENDING fail as info. Under BASIC scanning a scan older than \
            `scan-max-age-days` (default 30) fails too, since basic scans never rerun. Images of other \
            registries are not applicable here.
            """,
        remediation: """
            Turn on enhanced (continuous) scanning, or start a scan: aws ecr start-image-scan --repository-name REPO \
            --image-id imageDigest=DIGEST.
            """,
        references: ["CIS-EKS-1.8.0:5.1.1", "CIS-EKS-1.7.0:5.1.1"],
        passing: [
            .cluster(example(status: "COMPLETE")),
            .cluster(#"{"cluster": {"name": "prod"}, "calls": [\#(E.scanning("ENHANCED"))], "kubernetes": [\#(E.pod("nginx:1.27", digest: nil))]}"#, note: "Docker Hub image: not applicable"),
        ],
        failing: [
            .cluster(example(status: "SCAN_ELIGIBILITY_EXPIRED"), expect: ["spec.containers[0].image"]),
            .cluster(example(status: "COMPLETE", completedAt: "2026-01-01T00:00:00Z"), note: "basic scan too old"),
            .cluster(example(status: "DREAMING"), status: .error, note: "unknown status"),
            .cluster(example(status: "COMPLETE", digest: nil), status: .error, note: "no digest in the pod status"),
            .cluster(#"{"cluster": {"name": "prod"}}"#, status: .error, note: "no Kubernetes input"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let aws = facts.requireAWS.value(orReportAt: facts.registryRef, into: &findings),
              let images = facts.requireKubernetes.flatMap(\.runningImages).value(orReportAt: facts.resource, into: &findings)
        else { return findings }
        let basic = (try? aws.registryScanning.get())?.scanType == .basic
        let maxAge = context.integer(Self.setting, default: 30)
        var details: [String: JSONValue]?
        var others: [String] = []
        for image in images {
            guard let ecr = image.reference.ecr, ecr.account == aws.snapshot.accountID, ecr.region == aws.region else {
                others.append(image.shown)
                continue
            }
            guard let digest = image.digest else {
                findings.append(.error("\(image.shown) (container \(image.container)): no digest in status.containerStatuses[].imageID, so the scanned image cannot be identified", at: image.ref))
                continue
            }
            if details == nil {
                guard let read = aws.imageDetailsByDigest.value(orReportAt: facts.registryRef, into: &findings) else { return findings }
                details = read
            }
            guard let detail = details?[digest] else {
                findings.append(.error("\(image.shown): digest not found in any ecr:DescribeImages answer of the snapshot", at: image.ref))
                continue
            }
            findings.append(verdict(image, detail: detail, basic: basic, maxAge: maxAge, now: context.now))
        }
        if findings.isEmpty {
            let shown = others.isEmpty ? "no Pods" : "only images outside this account's registry: \(Set(others).sorted().prefix(5).joined(separator: ", "))"
            return [.notApplicable("\(shown)", at: facts.registryRef)]
        }
        return findings
    }

    private func verdict(_ image: RunningImage, detail: JSONValue, basic: Bool, maxAge: Int, now: Date) -> Finding {
        let status = detail[path: "imageScanStatus.status"]?.string
        let what = "\(image.shown) (container \(image.container))"
        guard let status else { return .fail("\(what): never scanned (no imageScanStatus)", at: image.ref) }
        if Self.failed.contains(status) { return .fail("\(what): scan status \(status)", at: image.ref) }
        if Self.pending.contains(status) { return .fail("\(what): scan status \(status), no result yet", at: image.ref, severity: .info) }
        guard Self.scanned.contains(status) else { return .error("\(what): unknown scan status \(status)", at: image.ref) }
        let completed = AWSTimestamp.date(detail[path: "imageScanFindingsSummary.imageScanCompletedAt"])
        if basic, let completed {
            let days = Int(now.timeIntervalSince(completed) / 86_400)
            if days > maxAge { return .fail("\(what): last basic scan \(days) days ago (more than \(maxAge))", at: image.ref) }
        }
        return .pass("\(what): scan status \(status)\(completed.map { ", completed \(ISO8601DateFormatter().string(from: $0))" } ?? "")", at: image.ref)
    }
}
