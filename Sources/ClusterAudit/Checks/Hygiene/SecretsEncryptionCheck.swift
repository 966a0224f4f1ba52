import ClusterSnapshot
import EKSGuardCore

/// EKS-CIS-020: envelope encryption of Kubernetes secrets with a customer KMS key.
package struct SecretsEncryptionCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-CIS-020",
        title: "Secrets are envelope-encrypted with a customer KMS key",
        practice: .cisBenchmark,
        severity: .high,
        rationale: """
            `cluster.encryptionConfig[]` with `secrets` in `resources` wraps secret data keys with the customer KMS \
            key `provider.keyArn`, which the customer can audit, rotate and revoke. Without it: high before \
            Kubernetes 1.28 (secrets are only disk-encrypted in etcd), medium from 1.28 (EKS envelope-encrypts all \
            API data with an AWS-owned key, so only the customer control is missing). The key itself must be \
            usable: `kms:DescribeKey → KeyMetadata.KeyState` other than `Enabled` is critical (the cluster cannot \
            read its secrets), and `kms:GetKeyRotationStatus` false is low. Prowler passes any encryptionConfig.
            """,
        remediation: """
            aws eks associate-encryption-config --cluster-name CLUSTER --encryption-config \
            '[{"resources":["secrets"],"provider":{"keyArn":"KEY_ARN"}}]', and aws kms enable-key-rotation --key-id KEY_ARN.
            """,
        references: ["CIS-EKS-1.8.0:5.3.1", "CIS-EKS-1.7.0:5.3.1", "CIS-EKS-1.5.0:5.3.1", "CIS-EKS-1.2.0:5.3.1",
                     "prowler:eks_cluster_kms_cmk_encryption_in_secrets_enabled", "kubescape:C-0066", "checkov:CKV_AWS_58", "trivy:AWS-0039", "bpg:data/use-aws-kms-for-envelope-encryption"],
        passing: [
            .cluster(#"""
                {"cluster": {"name": "p", "version": "1.33", "encryptionConfig": [{"resources": ["secrets"], "provider": {"keyArn": "arn:aws:kms:us-east-1:111122223333:key/k1"}}]},
                 "calls": [{"call": "kms:DescribeKey", "parameters": {"KeyId": "arn:aws:kms:us-east-1:111122223333:key/k1"}, "response": {"KeyMetadata": {"KeyState": "Enabled", "KeyManager": "CUSTOMER"}}},
                           {"call": "kms:GetKeyRotationStatus", "parameters": {"KeyId": "arn:aws:kms:us-east-1:111122223333:key/k1"}, "response": {"KeyRotationEnabled": true}}]}
                """#),
        ],
        failing: [
            .cluster(#"{"cluster": {"name": "old", "version": "1.27"}}"#, expect: ["cluster.encryptionConfig"], note: "high: no envelope encryption before 1.28"),
            .cluster(#"{"cluster": {"name": "new", "version": "1.33", "encryptionConfig": []}}"#, note: "medium: AWS-owned key only"),
            .cluster(#"""
                {"cluster": {"name": "p", "version": "1.33", "encryptionConfig": [{"resources": ["secrets"], "provider": {"keyArn": "arn:k2"}}]},
                 "calls": [{"call": "kms:DescribeKey", "parameters": {"KeyId": "arn:k2"}, "response": {"KeyMetadata": {"KeyState": "PendingDeletion", "KeyManager": "CUSTOMER"}}},
                           {"call": "kms:GetKeyRotationStatus", "parameters": {"KeyId": "arn:k2"}, "response": {"KeyRotationEnabled": true}}]}
                """#, note: "critical: key pending deletion"),
            .cluster(#"""
                {"cluster": {"name": "p", "version": "1.33", "encryptionConfig": [{"resources": ["secrets"], "provider": {"keyArn": "arn:k3"}}]},
                 "calls": [{"call": "kms:DescribeKey", "parameters": {"KeyId": "arn:k3"}, "response": {"KeyMetadata": {"KeyState": "Enabled", "KeyManager": "CUSTOMER"}}},
                           {"call": "kms:GetKeyRotationStatus", "parameters": {"KeyId": "arn:k3"}, "response": {"KeyRotationEnabled": false}}]}
                """#, note: "low: rotation off"),
            .cluster(#"""
                {"cluster": {"name": "p", "version": "1.33", "encryptionConfig": [{"resources": ["secrets"], "provider": {"keyArn": "arn:k4"}}]},
                 "calls": [{"call": "kms:DescribeKey", "parameters": {"KeyId": "arn:k4"}, "response": {"KeyMetadata": {"KeyState": "Frozen"}}}]}
                """#, status: .error, note: "unknown KeyState"),
            .cluster(#"""
                {"cluster": {"name": "p", "version": "1.33", "encryptionConfig": [{"resources": ["secrets"], "provider": {"keyArn": "arn:k5"}}]},
                 "calls": [{"call": "kms:DescribeKey", "parameters": {"KeyId": "arn:k5"}, "error": "AccessDeniedException"}]}
                """#, status: .error),
        ]
    )

    private static let keyStates = ["Creating", "Enabled", "Disabled", "PendingDeletion", "PendingImport", "PendingReplicaDeletion", "Unavailable", "Updating"]

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        let ref = facts.resource.at("cluster.encryptionConfig", nil)
        guard let aws = facts.requireAWS.value(orReportAt: ref, into: &findings),
              let cluster = facts.cluster.value(orReportAt: ref, into: &findings) else { return findings }
        let config = (cluster["encryptionConfig"]?.array ?? []).first { ($0["resources"]?.array ?? []).contains("secrets") }
        guard let config else {
            guard let text = cluster["version"]?.string, let version = KubernetesVersion(text) else {
                return [.error("no secrets encryptionConfig, and cluster.version \(cluster["version"]?.string ?? "(missing)") cannot be read to grade it", at: ref)]
            }
            if version < KubernetesVersion("1.28")! {
                return [.fail("Kubernetes \(text) without a secrets encryptionConfig: secrets are not envelope-encrypted", at: ref, severity: .high)]
            }
            return [.fail("Kubernetes \(text) without a secrets encryptionConfig: secrets use EKS's AWS-owned key, with no customer control", at: ref, severity: .medium)]
        }
        guard let key = config[path: "provider.keyArn"]?.string else {
            return [.error("encryptionConfig for secrets names no provider.keyArn", at: ref)]
        }
        guard let described = aws.response("kms", "DescribeKey", matching: ["KeyId": .string(key)]).value(orReportAt: ref, into: &findings) else { return findings }
        let state = described[path: "KeyMetadata.KeyState"]?.string ?? "(missing)"
        guard Self.keyStates.contains(state) else { return [.error("KMS key \(key): unknown KeyState \(state)", at: ref)] }
        guard state == "Enabled" else {
            return [.fail("secrets key \(key) is \(state): the cluster cannot decrypt its secrets", at: ref, severity: .critical)]
        }
        guard let rotation = aws.response("kms", "GetKeyRotationStatus", matching: ["KeyId": .string(key)]).value(orReportAt: ref, into: &findings) else { return findings }
        if rotation["KeyRotationEnabled"]?.bool != true {
            return [.fail("secrets are encrypted with \(key) (Enabled) but its automatic rotation is off", at: ref, severity: .low)]
        }
        return [.pass("secrets are encrypted with \(key): Enabled, \(described[path: "KeyMetadata.KeyManager"]?.string ?? "?")-managed, rotation on", at: ref)]
    }
}
