import EKSGuardCore

/// PSS `seccompProfile_restricted` (v1.19+): RuntimeDefault or Localhost at pod level, or on
/// every container; Windows pods are exempt from v1.25. Replaces `seccompProfile_baseline`.
struct SeccompProfileRestrictedCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(
        id: "seccompProfile_restricted", level: .restricted, revisions: [.v1(19), .v1(25)],
        replaces: ["seccompProfile_baseline"])

    static let metadata = CheckMetadata(
        id: "EKS-POD-011",
        title: "No seccomp profile",
        practice: .podSecurity,
        severity: .medium,
        rationale: """
            Without a seccomp profile (RuntimeDefault or Localhost) a container may make every system call, \
            including those used in kernel exploits; the runtime default blocks the rarely needed dangerous ones.
            """,
        remediation: "Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod.",
        references: [
            "PSS:seccompProfile_restricted", "kubescape:C-0210", "checkov:CKV_K8S_31", "trivy:AVD-KSV-0104",
            "gatekeeper:K8sPSPSeccomp",
        ],
        passing: [
            .pod("""
                securityContext:
                  seccompProfile: {type: RuntimeDefault}
                containers: [{name: app, image: "nginx:1.27"}]
                """),
        ],
        failing: [
            .pod("""
                containers:
                - {name: app, image: "nginx:1.27"}
                - {name: proxy, image: "envoy:1.31", securityContext: {seccompProfile: {type: Unconfined}}}
                """, expect: ["spec.containers[0].securityContext.seccompProfile", "spec.containers[1].securityContext.seccompProfile.type"]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        if context.podSecurityVersion >= .v1(25), workload.isWindows { return [] }
        var out = WorkloadFindings(workload)
        let podSet = out.checkProfileType(
            workload.spec["securityContext"]["seccompProfile"], owner: "the pod", what: "seccompProfile",
            references: Self.baselineReference) == true
        for container in out.containers() {
            let profile = container.securityContext["seccompProfile"]
            if out.checkProfileType(profile, owner: container.label, what: "seccompProfile", container: container,
                                    references: Self.baselineReference) == nil, !podSet {
                out.fail("neither the pod nor \(container.label) sets seccompProfile.type to RuntimeDefault or Localhost",
                         at: profile, container: container)
            }
        }
        return out.findings
    }

    /// An explicit bad type is also what the replaced baseline control rejects.
    private static let baselineReference = ["PSS:seccompProfile_baseline"]
}
