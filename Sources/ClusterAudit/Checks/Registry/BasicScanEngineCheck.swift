import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IMG-002: basic scanning should use the AWS native engine, not the retired Clair engine.
package struct BasicScanEngineCheck: ClusterCheck {
    package init() {}

    typealias E = RegistryExamples

    static let engines: Set<String> = ["AWS_NATIVE", "CLAIR"]

    static func setting(_ value: String) -> String {
        #"{"call": "ecr:GetAccountSetting", "parameters": {"name": "BASIC_SCAN_TYPE_VERSION"}, "response": {"name": "BASIC_SCAN_TYPE_VERSION", "value": "\#(value)"}}"#
    }

    package static let metadata = CheckMetadata(
        id: "EKS-IMG-002",
        title: "Basic scanning uses the AWS native engine",
        practice: .imageScanning,
        severity: .medium,
        rationale: """
            Basic scanning runs either the AWS native engine or the legacy Clair engine \
            (`ecr:GetAccountSetting(BASIC_SCAN_TYPE_VERSION)`); Clair covers fewer operating systems and \
            is being retired. Only relevant while the registry's scan type is BASIC.
            """,
        remediation: """
            aws ecr put-account-setting --name BASIC_SCAN_TYPE_VERSION --value AWS_NATIVE.
            """,
        references: ["bpg:image-scan-regularly"],
        passing: [
            .cluster(E.calls(E.scanning("BASIC"), setting("AWS_NATIVE"))),
            .cluster(E.calls(E.scanning("ENHANCED")), note: "enhanced scanning: not applicable"),
        ],
        failing: [
            .cluster(E.calls(E.scanning("BASIC"), setting("CLAIR")), expect: ["BASIC_SCAN_TYPE_VERSION"]),
            .cluster(E.calls(E.scanning("BASIC"), setting("QUANTUM")), status: .error, note: "unknown engine"),
            .cluster(E.calls(E.scanning("BASIC")), status: .error, note: "setting not collected"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        let ref = facts.registryRef.at("BASIC_SCAN_TYPE_VERSION", nil)
        var findings: [Finding] = []
        guard let aws = facts.requireAWS.value(orReportAt: ref, into: &findings),
              let registry = aws.registryScanning.value(orReportAt: ref, into: &findings)
        else { return findings }
        guard registry.scanType == .basic else {
            return [.notApplicable("scan type \(registry.scanType.rawValue): the basic engine is not used", at: ref)]
        }
        guard let answer = aws.response("ecr", "GetAccountSetting", matching: ["name": "BASIC_SCAN_TYPE_VERSION"]).value(orReportAt: ref, into: &findings)
        else { return findings }
        let value = answer["value"]?.string ?? "(none)"
        guard Self.engines.contains(value) else { return [.error("BASIC_SCAN_TYPE_VERSION has unknown value \(value)", at: ref)] }
        if value == "CLAIR" { return [.fail("basic scanning runs the legacy CLAIR engine", at: ref)] }
        return [.pass("basic scanning runs the \(value) engine", at: ref)]
    }
}
