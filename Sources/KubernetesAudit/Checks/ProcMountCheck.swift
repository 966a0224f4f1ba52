import EKSGuardCore

/// PSS `procMount` (baseline): the default masked /proc only; from v1.35 pods in their own user
/// namespace (`hostUsers: false`) may unmask it.
struct ProcMountCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(id: "procMount", level: .baseline, revisions: [.v1(0), .v1(35)])

    static let metadata = CheckMetadata(
        id: "EKS-POD-021",
        title: "Unmasked /proc mount",
        practice: .podSecurity,
        severity: .high,
        rationale: "An Unmasked /proc exposes kernel interfaces the runtime normally hides, a step toward escaping the container.",
        remediation: "Remove securityContext.procMount, or set it to Default.",
        references: ["PSS:procMount", "trivy:AVD-KSV-0027", "gatekeeper:K8sPSPProcMount"],
        passing: [
            .pod("""
                containers:
                - {name: app, image: "nginx:1.27", securityContext: {procMount: Default}}
                """),
            .yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: nested}
                spec:
                  hostUsers: false
                  containers:
                  - {name: app, image: "buildkit:0.15", securityContext: {procMount: Unmasked}}
                """, options: ["pss-level": "baseline"], note: "From v1.35 a pod in its own user namespace may unmask /proc at baseline."),
        ],
        failing: [
            .pod("""
                containers:
                - {name: app, image: "nginx:1.27", securityContext: {procMount: Unmasked}}
                """, expect: ["spec.containers[0].securityContext.procMount"], options: ["pss-level": "baseline"]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        if context.podSecurityVersion >= .v1(35), workload.usesUserNamespace { return [] }
        return ProcMountRule.evaluate(workload)
    }
}
