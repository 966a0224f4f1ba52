import EKSGuardCore

/// PSS `seccompProfile_baseline`: seccomp may not be set to Unconfined. Policy v1.0–v1.18 read
/// the alpha annotations; from v1.19 the securityContext fields (annotations are ignored).
struct SeccompProfileBaselineCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(
        id: "seccompProfile_baseline", level: .baseline, revisions: [.v1(0), .v1(19)])
    static let podAnnotation = "seccomp.security.alpha.kubernetes.io/pod"
    static let containerAnnotationPrefix = "container.seccomp.security.alpha.kubernetes.io/"

    static let metadata = CheckMetadata(
        id: "EKS-POD-022",
        title: "Seccomp explicitly disabled",
        practice: .podSecurity,
        severity: .high,
        rationale: "An Unconfined seccomp profile gives the container every system call, including those used in kernel exploits.",
        remediation: "Set seccompProfile.type to RuntimeDefault (or Localhost) instead of Unconfined.",
        references: ["PSS:seccompProfile_baseline", "kubescape:C-0210", "gatekeeper:K8sPSPSeccomp"],
        passing: [
            .pod("""
                containers:
                - {name: app, image: "nginx:1.27", securityContext: {seccompProfile: {type: RuntimeDefault}}}
                """),
        ],
        failing: [
            .pod("""
                securityContext:
                  seccompProfile: {type: Unconfined}
                containers: [{name: app, image: "nginx:1.27"}]
                """, expect: ["spec.securityContext.seccompProfile.type"], options: ["pss-level": "baseline"]),
            .yaml("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  annotations: {seccomp.security.alpha.kubernetes.io/pod: unconfined}
                spec:
                  containers: [{name: app, image: "nginx:1.27"}]
                """, options: ["pss-level": "baseline", "pss-version": "v1.18"], note: "Before v1.19 the annotations decide."),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        var out = WorkloadFindings(workload)
        if context.podSecurityVersion >= .v1(19) {
            out.checkProfileType(workload.spec["securityContext"]["seccompProfile"], owner: "the pod", what: "seccompProfile")
            for container in out.containers() {
                out.checkProfileType(container.securityContext["seccompProfile"], owner: container.label, what: "seccompProfile", container: container)
            }
        } else {
            let annotations = workload.podMetadata["annotations"]
            checkAnnotation(annotations[Self.podAnnotation], key: Self.podAnnotation,
                            present: annotations.node?.entry(Self.podAnnotation) != nil, &out)
            for container in out.containers() {
                let key = Self.containerAnnotationPrefix + container.name
                checkAnnotation(annotations[key], key: key, present: annotations.node?.entry(key) != nil, &out)
            }
        }
        return out.findings
    }

    /// Annotations are a string map: a key written with a null value is stored as "", which is
    /// not an allowed profile.
    private func checkAnnotation(_ value: Cursor, key: String, present: Bool, _ out: inout WorkloadFindings) {
        guard present else { return }
        let profile = value.string.value ?? ""
        if !(profile == "runtime/default" || profile == "docker/default" || profile.hasPrefix("localhost/")) {
            out.fail("annotation \(key) sets seccomp profile \"\(profile)\"", at: value)
        }
    }
}
