import EKSGuardCore

/// PSS `windowsHostProcess`: no Windows HostProcess containers, at pod or container level.
struct WindowsHostProcessCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(id: "windowsHostProcess", level: .baseline, revisions: [.v1(0)])

    static let metadata = CheckMetadata(
        id: "EKS-POD-024",
        title: "Windows HostProcess container",
        practice: .podSecurity,
        severity: .critical,
        rationale: "A HostProcess container runs directly on the Windows node as a host process: full node access.",
        remediation: "Remove securityContext.windowsOptions.hostProcess: true from the pod and its containers.",
        references: ["PSS:windowsHostProcess"],
        passing: [
            .yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: win}
                spec:
                  os: {name: windows}
                  containers: [{name: app, image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"}]
                """),
        ],
        failing: [
            .yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: win}
                spec:
                  securityContext:
                    windowsOptions: {hostProcess: true}
                  hostNetwork: true
                  containers: [{name: app, image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"}]
                """, expect: ["spec.securityContext.windowsOptions.hostProcess"]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        var out = WorkloadFindings(workload)
        let podField = workload.spec["securityContext"]["windowsOptions"]["hostProcess"]
        if out.read(podField.bool, at: podField) == true {
            out.fail("the pod sets securityContext.windowsOptions.hostProcess: true", at: podField)
        }
        for container in out.containers() {
            let field = container.securityContext["windowsOptions"]["hostProcess"]
            if out.read(field.bool, at: field, container: container) == true {
                out.fail("\(container.label) sets securityContext.windowsOptions.hostProcess: true", at: field, container: container)
            }
        }
        return out.findings
    }
}
