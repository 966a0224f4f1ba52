import ClusterSnapshot
import EKSGuardCore
import Foundation

/// EKS-ACC-006: Session Manager preferences that record shell sessions on the nodes.
package struct SessionManagerLoggingCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-ACC-006",
        title: "Session Manager sessions are logged",
        practice: .nodeAccess,
        severity: .medium,
        rationale: """
            Session Manager's account preferences live in the `SSM-SessionManagerRunShell` document \
            (`ssm:GetDocument → Content`, JSON). Without `inputs.s3BucketName` or `inputs.cloudWatchLogGroupName`, \
            shell sessions on nodes leave no transcript (medium; a missing document means defaults, i.e. no \
            logging). Logging without `s3EncryptionEnabled`/`cloudWatchEncryptionEnabled` or `kmsKeyId` is low, and \
            so is an `idleSessionTimeout` above `ssm-max-idle-minutes` (default 20). Port-forwarding and SSH-over-SSM \
            sessions carry no transcript either way.
            """,
        remediation: """
            In Systems Manager → Session Manager → Preferences, send session logs to an encrypted S3 bucket or \
            CloudWatch log group, set a KMS key and an idle timeout of 20 minutes or less.
            """,
        references: ["bpg:hosts/minimize-access-to-worker-nodes"],
        passing: [
            .cluster(#"""
                {"calls": [{"call": "ssm:GetDocument", "parameters": {"Name": "SSM-SessionManagerRunShell"},
                            "response": {"Name": "SSM-SessionManagerRunShell", "DocumentFormat": "JSON", "Content": "{\"schemaVersion\":\"1.0\",\"sessionType\":\"Standard_Stream\",\"inputs\":{\"cloudWatchLogGroupName\":\"/ssm/sessions\",\"cloudWatchEncryptionEnabled\":true,\"kmsKeyId\":\"alias/ssm\",\"idleSessionTimeout\":\"15\"}}"}}]}
                """#),
        ],
        failing: [
            .cluster(#"""
                {"calls": [{"call": "ssm:GetDocument", "parameters": {"Name": "SSM-SessionManagerRunShell"},
                            "response": {"Name": "SSM-SessionManagerRunShell", "DocumentFormat": "JSON", "Content": "{\"inputs\":{\"s3BucketName\":\"\",\"cloudWatchLogGroupName\":\"\"}}"}}]}
                """#, expect: ["inputs"], note: "medium: no destination"),
            .cluster(#"{"calls": [{"call": "ssm:GetDocument", "parameters": {"Name": "SSM-SessionManagerRunShell"}, "error": "InvalidDocument"}]}"#, note: "medium: preferences never saved"),
            .cluster(#"""
                {"calls": [{"call": "ssm:GetDocument", "parameters": {"Name": "SSM-SessionManagerRunShell"},
                            "response": {"DocumentFormat": "JSON", "Content": "{\"inputs\":{\"s3BucketName\":\"logs\",\"s3EncryptionEnabled\":false,\"idleSessionTimeout\":\"60\"}}"}}]}
                """#, note: "low: unencrypted, long idle timeout"),
            .cluster(#"""
                {"calls": [{"call": "ssm:GetDocument", "parameters": {"Name": "SSM-SessionManagerRunShell"}, "response": {"DocumentFormat": "JSON", "Content": "{not json"}}]}
                """#, status: .error),
            .cluster(#"{"calls": [{"call": "ssm:GetDocument", "error": "AccessDeniedException"}]}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        let ref = ResourceRef(kind: "SSMDocument", name: "SSM-SessionManagerRunShell", field: "inputs")
        guard let aws = facts.requireAWS.value(orReportAt: ref, into: &findings) else { return findings }
        if aws.snapshot.call("ssm", "GetDocument")?.error?.code == "InvalidDocument" {
            return [.fail("SSM-SessionManagerRunShell does not exist: Session Manager runs with defaults and logs no session", at: ref, severity: .medium)]
        }
        guard let answer = aws.response("ssm", "GetDocument").value(orReportAt: ref, into: &findings) else { return findings }
        guard let content = answer["Content"]?.string, let document = JSONValue.parse(Data(content.utf8)), document.object != nil else {
            let format = answer["DocumentFormat"]?.string ?? "unknown"
            return [.error("SSM-SessionManagerRunShell content is not a JSON document (format \(format))", at: ref)]
        }
        let inputs = document["inputs"] ?? .object([:])
        func text(_ key: String) -> String? { inputs[key]?.string.flatMap { $0.isEmpty ? nil : $0 } }
        func flag(_ key: String) -> Bool { inputs[key]?.bool == true || inputs[key]?.string == "true" }
        let destinations = [text("s3BucketName").map { "S3 bucket \($0)" }, text("cloudWatchLogGroupName").map { "log group \($0)" }].compactMap { $0 }
        guard !destinations.isEmpty else {
            return [.fail("session logging is off: inputs.s3BucketName and inputs.cloudWatchLogGroupName are empty", at: ref, severity: .medium)]
        }
        var weaknesses: [String] = []
        if !flag("s3EncryptionEnabled"), !flag("cloudWatchEncryptionEnabled"), text("kmsKeyId") == nil {
            weaknesses.append("logs are not encrypted (no s3EncryptionEnabled, cloudWatchEncryptionEnabled or kmsKeyId)")
        }
        let maxIdle = context.integer("ssm-max-idle-minutes", default: 20)
        let idle = text("idleSessionTimeout").flatMap { Int($0) } ?? inputs["idleSessionTimeout"]?.number.map { Int($0) }
        if let idle, idle > maxIdle { weaknesses.append("idleSessionTimeout \(idle) minutes is over ssm-max-idle-minutes \(maxIdle)") }
        let logged = "sessions are logged to \(destinations.joined(separator: " and "))"
        if weaknesses.isEmpty { return [.pass(logged, at: ref)] }
        return [.fail("\(logged), but \(weaknesses.joined(separator: "; "))", at: ref, severity: .low)]
    }
}
