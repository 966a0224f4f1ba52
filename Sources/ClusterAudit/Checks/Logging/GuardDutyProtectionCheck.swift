import ClusterSnapshot
import EKSGuardCore

/// EKS-LOG-006: GuardDuty reads the audit log and watches node runtimes.
package struct GuardDutyProtectionCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-LOG-006",
        title: "GuardDuty EKS audit-log and runtime monitoring are on",
        practice: .controlPlaneLogging,
        severity: .medium,
        rationale: """
            GuardDuty's EKS protection analyses the cluster's audit log for known attack patterns \
            (anonymous access, credential misuse, privileged pods from unusual principals) without any \
            log configuration on the cluster, and runtime monitoring watches processes and network \
            activity on the nodes. Reads `guardduty:GetDetector → Features[]`: `EKS_AUDIT_LOGS`, and \
            `RUNTIME_MONITORING` (or the older `EKS_RUNTIME_MONITORING`) with its \
            `EKS_ADDON_MANAGEMENT` configuration, or an agent deployed another way.
            """,
        remediation: """
            aws guardduty update-detector --detector-id ID --features \
            '[{"Name":"EKS_AUDIT_LOGS","Status":"ENABLED"},{"Name":"RUNTIME_MONITORING","Status":"ENABLED","AdditionalConfiguration":[{"Name":"EKS_ADDON_MANAGEMENT","Status":"ENABLED"}]}]'.
            """,
        references: [
            "prowler:guardduty_eks_audit_log_enabled", "prowler:guardduty_eks_runtime_monitoring_enabled",
            "bpg:runtime/use-amazon-guardduty",
        ],
        passing: [
            .cluster(#"""
                {"calls": [{"call": "guardduty:ListDetectors", "response": {"DetectorIds": ["d1"]}},
                           {"call": "guardduty:GetDetector", "parameters": {"DetectorId": "d1"}, "response": {"Status": "ENABLED", "Features": [
                              {"Name": "EKS_AUDIT_LOGS", "Status": "ENABLED"},
                              {"Name": "RUNTIME_MONITORING", "Status": "ENABLED", "AdditionalConfiguration": [{"Name": "EKS_ADDON_MANAGEMENT", "Status": "ENABLED"}]}]}}]}
                """#),
        ],
        failing: [
            .cluster(#"""
                {"calls": [{"call": "guardduty:ListDetectors", "response": {"DetectorIds": []}}]}
                """#, note: "GuardDuty not enabled in the region"),
            .cluster(#"""
                {"calls": [{"call": "guardduty:ListDetectors", "response": {"DetectorIds": ["d1"]}},
                           {"call": "guardduty:GetDetector", "parameters": {"DetectorId": "d1"}, "response": {"Status": "ENABLED", "Features": [
                              {"Name": "EKS_AUDIT_LOGS", "Status": "DISABLED"},
                              {"Name": "RUNTIME_MONITORING", "Status": "ENABLED", "AdditionalConfiguration": [{"Name": "EKS_ADDON_MANAGEMENT", "Status": "DISABLED"}]}]}}]}
                """#, expect: ["Features[EKS_AUDIT_LOGS].Status"]),
            .cluster(#"""
                {"calls": [{"call": "guardduty:ListDetectors", "response": {"DetectorIds": ["d1"]}},
                           {"call": "guardduty:GetDetector", "parameters": {"DetectorId": "d1"}, "response": {"Status": "ENABLED", "Features": [
                              {"Name": "EKS_AUDIT_LOGS", "Status": "PAUSED"}]}}]}
                """#, status: .error, note: "a status this build does not know"),
            .cluster(#"{"calls": [{"call": "guardduty:ListDetectors", "error": "AccessDeniedException"}]}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        let region = facts.aws?.region ?? "?"
        let regionRef = ResourceRef(kind: "GuardDutyDetector", name: "(region \(region))")
        guard let aws = facts.requireAWS.value(orReportAt: regionRef, into: &findings),
              let listed = aws.response("guardduty", "ListDetectors").value(orReportAt: regionRef, into: &findings)
        else { return findings }
        let ids = listed["DetectorIds"]?.array?.compactMap(\.string) ?? []
        if ids.isEmpty {
            return [.fail("GuardDuty has no detector in \(region): no EKS audit-log or runtime threat detection", at: regionRef)]
        }
        for id in ids {
            let ref = ResourceRef(kind: "GuardDutyDetector", name: id)
            guard let detector = aws.response("guardduty", "GetDetector", matching: ["DetectorId": .string(id)])
                .value(orReportAt: ref, into: &findings)
            else { continue }
            findings += judge(detector, ref: ref)
        }
        return findings
    }

    private func judge(_ detector: JSONValue, ref: ResourceRef) -> [Finding] {
        let features = detector["Features"]?.array ?? []
        func status(_ name: String) -> String? { features.first { $0["Name"]?.string == name }?["Status"]?.string }
        let known: Set<String> = ["ENABLED", "DISABLED"]
        for feature in features {
            if let value = feature["Status"]?.string, !known.contains(value) {
                return [.error("feature \(feature["Name"]?.string ?? "?") has status \(value), which this build does not know", at: ref)]
            }
        }
        if detector["Status"]?.string == "DISABLED" {
            return [.fail("the detector is suspended (Status DISABLED)", at: ref.at("Status", nil))]
        }
        var findings: [Finding] = []
        let audit = status("EKS_AUDIT_LOGS")
        if audit == "ENABLED" {
            findings.append(.pass("EKS_AUDIT_LOGS is ENABLED", at: ref.at("Features[EKS_AUDIT_LOGS].Status", nil)))
        } else {
            findings.append(.fail("EKS audit-log monitoring is \(audit ?? "not configured")", at: ref.at("Features[EKS_AUDIT_LOGS].Status", nil)))
        }
        let runtime = features.first { $0["Name"]?.string == "RUNTIME_MONITORING" }
            ?? features.first { $0["Name"]?.string == "EKS_RUNTIME_MONITORING" }
        let runtimeRef = ref.at("Features[RUNTIME_MONITORING].Status", nil)
        guard let runtime, runtime["Status"]?.string == "ENABLED", let name = runtime["Name"]?.string else {
            findings.append(.fail("runtime monitoring is off: no process or network threat detection on the nodes", at: runtimeRef))
            return findings
        }
        let addon = runtime["AdditionalConfiguration"]?.array?.first { $0["Name"]?.string == "EKS_ADDON_MANAGEMENT" }?["Status"]?.string
        if addon == "ENABLED" {
            findings.append(.pass("\(name) is ENABLED with the agent managed as an EKS add-on", at: runtimeRef))
        } else {
            // Without automated agent management the agent must be deployed by hand; say so, do not guess.
            findings.append(.fail(
                "\(name) is ENABLED but EKS_ADDON_MANAGEMENT is \(addon ?? "not configured"): the GuardDuty agent runs only where deployed by hand",
                at: runtimeRef, severity: .low))
        }
        return findings
    }
}
