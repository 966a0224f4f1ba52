import EKSGuardCore

/// PSS `appArmorProfile`: AppArmor may not be turned off, neither by the securityContext fields
/// (pod and containers) nor by the beta annotations.
struct AppArmorProfileCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(id: "appArmorProfile", level: .baseline, revisions: [.v1(0)])
    static let annotationPrefix = "container.apparmor.security.beta.kubernetes.io/"

    static let metadata = CheckMetadata(
        id: "EKS-POD-019",
        title: "AppArmor profile disabled",
        practice: .podSecurity,
        severity: .high,
        rationale: "An Unconfined AppArmor profile removes the runtime's default confinement of the container.",
        remediation: "Remove the Unconfined profile; use RuntimeDefault or a Localhost profile.",
        references: ["PSS:appArmorProfile", "kubescape:C-0211", "trivy:AVD-KSV-0002", "gatekeeper:K8sPSPAppArmor"],
        passing: [
            .yaml("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  annotations:
                    container.apparmor.security.beta.kubernetes.io/app: runtime/default
                spec:
                  securityContext:
                    appArmorProfile: {type: RuntimeDefault}
                  containers: [{name: app, image: nginx:1.27}]
                """),
        ],
        failing: [
            .yaml("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  annotations:
                    container.apparmor.security.beta.kubernetes.io/app: unconfined
                spec:
                  containers:
                  - name: app
                    image: nginx:1.27
                    securityContext:
                      appArmorProfile: {type: Unconfined}
                """, expect: [
                    "metadata.annotations.container.apparmor.security.beta.kubernetes.io/app",
                    "spec.containers[0].securityContext.appArmorProfile.type",
                ]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        var out = WorkloadFindings(workload)
        out.checkProfileType(workload.spec["securityContext"]["appArmorProfile"], owner: "the pod", what: "AppArmor profile")
        for container in out.containers() {
            out.checkProfileType(container.securityContext["appArmorProfile"], owner: container.label, what: "AppArmor profile", container: container)
        }
        for (key, value) in workload.podMetadata["annotations"].fields where key.hasPrefix(Self.annotationPrefix) {
            let profile = value.string.value ?? ""
            if !(profile.isEmpty || profile == "runtime/default" || profile.hasPrefix("localhost/")) {
                out.fail("annotation \(key) sets AppArmor profile \"\(profile)\"", at: value)
            }
        }
        return out.findings
    }
}
