import EKSGuardCore

/// PSS `procMount_restricted` (v1.35+): the default masked /proc only, user namespace or not.
/// Replaces `procMount` at the restricted level.
struct ProcMountRestrictedCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(
        id: "procMount_restricted", level: .restricted, revisions: [.v1(35)], replaces: ["procMount"])

    static let metadata = CheckMetadata(
        id: "EKS-POD-028",
        title: "Unmasked /proc mount (restricted)",
        practice: .podSecurity,
        severity: .high,
        rationale: "The restricted level keeps /proc masked even for pods in their own user namespace.",
        remediation: "Remove securityContext.procMount, or set it to Default.",
        references: ["PSS:procMount_restricted", "gatekeeper:K8sPSPProcMount"],
        passing: [
            .pod("""
                containers:
                - {name: app, image: "nginx:1.27"}
                """),
        ],
        failing: [
            .yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: nested}
                spec:
                  hostUsers: false
                  containers:
                  - {name: app, image: "buildkit:0.15", securityContext: {procMount: Unmasked}}
                """, expect: ["spec.containers[0].securityContext.procMount"]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        // The baseline control also rejects it, unless the pod's own user namespace lets baseline allow it.
        let baselineAllows = context.podSecurityVersion >= .v1(35) && workload.usesUserNamespace
        return ProcMountRule.evaluate(workload, extraReferences: baselineAllows ? [] : ["PSS:procMount"])
    }
}
