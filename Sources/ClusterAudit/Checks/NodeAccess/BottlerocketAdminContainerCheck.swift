import ClusterSnapshot
import EKSGuardCore

/// EKS-ACC-008: Bottlerocket's admin (SSH) host container enabled, or its control (SSM) container disabled.
package struct BottlerocketAdminContainerCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-ACC-008",
        title: "Bottlerocket admin container is disabled and the control container kept",
        practice: .nodeAccess,
        severity: .medium,
        rationale: """
            Bottlerocket has no shell; its *admin* host container is a privileged SSH entry point, off by default, \
            and its *control* container runs the SSM agent, on by default. The launch template's `UserData` is base64 \
            TOML: `[settings.host-containers.admin] enabled = true` (or the dotted form) is medium; \
            `[settings.host-containers.control] enabled = false` is low (the audited break-glass path is lost). Pools \
            on other OSes are not applicable; EKS-ACC-009 reads their user data.
            """,
        remediation: """
            Remove `enabled = true` from [settings.host-containers.admin] in the launch template user data (or \
            apiclient set host-containers.admin.enabled=false for a live node) and keep the control container enabled.
            """,
        references: ["bpg:hosts/minimize-access-to-worker-nodes"],
        passing: [
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "br", "amiType": "BOTTLEROCKET_x86_64", "launchTemplate": {"id": "lt-1", "version": "1"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 1,
                              "LaunchTemplateData": {"UserData": "W3NldHRpbmdzLmt1YmVybmV0ZXNdCmNsdXN0ZXItbmFtZSA9ICJkZW1vIgpbc2V0dGluZ3MuaG9zdC1jb250YWluZXJzLmFkbWluXQplbmFibGVkID0gZmFsc2UK"}}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, note: "admin explicitly disabled"),
        ],
        failing: [
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "br", "amiType": "BOTTLEROCKET_ARM_64", "launchTemplate": {"id": "lt-1", "version": "1"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 1,
                              "LaunchTemplateData": {"UserData": "W3NldHRpbmdzLmhvc3QtY29udGFpbmVycy5hZG1pbl0KZW5hYmxlZCA9IHRydWUK"}}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, expect: ["Nodegroup/br"], note: "medium: [settings.host-containers.admin] enabled = true"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "br", "amiType": "BOTTLEROCKET_x86_64", "launchTemplate": {"id": "lt-1", "version": "1"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 1,
                              "LaunchTemplateData": {"UserData": "c2V0dGluZ3MuaG9zdC1jb250YWluZXJzLmNvbnRyb2wuZW5hYmxlZCA9IGZhbHNlCg=="}}]}},
                           \#(ComputeExample.noSelfManaged)]}
                """#, note: "low: dotted key disables the control container"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "br", "amiType": "BOTTLEROCKET_x86_64", "launchTemplate": {"id": "lt-1", "version": "1"}}],
                 "calls": [{"call": "ec2:DescribeLaunchTemplateVersions", "response": {"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-1", "VersionNumber": 1,
                              "LaunchTemplateData": {"UserData": "%%% not base64 %%%"}}]}}, \#(ComputeExample.noSelfManaged)]}
                """#, status: .error, note: "user data that is not base64"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let pools = facts.poolAMIs(into: &findings), let aws = facts.aws else { return findings }
        for (pool, ami) in pools {
            let ref = pool.ref.at("launchTemplate.UserData", nil)
            guard ami.family == .bottlerocket else {
                findings.append(.notApplicable("\(pool.label) does not run Bottlerocket (\(ami.evidence))", at: ref))
                continue
            }
            guard let userData = aws.userData(of: pool).value(orReportAt: ref, into: &findings) else { continue }
            guard let userData else {
                findings.append(.pass("\(pool.label): no user data, Bottlerocket defaults (admin container off, control container on)", at: ref))
                continue
            }
            var settings: [String: String] = [:]
            for part in userData.parts where BottlerocketSettings.looksLikeSettings(part.body) {
                guard let parsed = BottlerocketSettings.parse(part.body, name: "\(pool.label) \(userData.ref)").value(orReportAt: ref, into: &findings) else { continue }
                settings.merge(parsed) { _, new in new }
            }
            let admin = settings["settings.host-containers.admin.enabled"]
            let control = settings["settings.host-containers.control.enabled"]
            if admin == "true" {
                findings.append(.fail("\(pool.label): \(userData.ref) enables the admin host container (SSH into a privileged container)", at: ref, severity: .medium))
            } else if control == "false" {
                findings.append(.fail("\(pool.label): \(userData.ref) disables the control container, the SSM break-glass path", at: ref, severity: .low))
            } else {
                findings.append(.pass("\(pool.label): admin container \(admin ?? "default (off)"), control container \(control ?? "default (on)")", at: ref))
            }
        }
        return findings
    }
}
