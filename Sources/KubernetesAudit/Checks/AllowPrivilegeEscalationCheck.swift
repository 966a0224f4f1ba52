import EKSGuardCore

/// PSS `allowPrivilegeEscalation` (restricted, v1.8+): every container sets it to false
/// explicitly; Windows pods are exempt from v1.25.
struct AllowPrivilegeEscalationCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(
        id: "allowPrivilegeEscalation", level: .restricted, revisions: [.v1(8), .v1(25)])

    static let metadata = CheckMetadata(
        id: "EKS-POD-005",
        title: "Privilege escalation not disabled",
        practice: .podSecurity,
        severity: .high,
        rationale: """
            Unless allowPrivilegeEscalation is false, a process can gain more privileges than its parent \
            through setuid binaries or file capabilities. Unset counts as allowed (unlike kube-bench 4.2.5, \
            which only flags an explicit true).
            """,
        remediation: "Set securityContext.allowPrivilegeEscalation: false on every container.",
        references: [
            "PSS:allowPrivilegeEscalation", "CIS-EKS-1.7.0:4.2.5", "CIS-EKS-1.8.0:4.2.5", "kubescape:C-0016",
            "checkov:CKV_K8S_20", "trivy:AVD-KSV-0001", "gatekeeper:K8sPSPAllowPrivilegeEscalationContainer",
        ],
        passing: [
            .pod("""
                containers:
                - name: app
                  image: nginx:1.27
                  securityContext: {allowPrivilegeEscalation: false}
                """),
            .yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: win}
                spec:
                  os: {name: windows}
                  containers: [{name: app, image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"}]
                """, note: "Windows pods are exempt from policy version v1.25."),
        ],
        failing: [
            .yaml("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: report, namespace: jobs}
                spec:
                  schedule: "0 * * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                          - name: report
                            image: report:1.0
                """, expect: ["spec.jobTemplate.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation"]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        var out = WorkloadFindings(workload)
        if context.podSecurityVersion >= .v1(25), workload.isWindows { return [] }
        for container in out.containers() {
            let field = container.securityContext["allowPrivilegeEscalation"]
            switch out.read(field.bool, at: field, container: container) {
            case false?: break
            case true?: out.fail("\(container.label) sets allowPrivilegeEscalation: true", at: field, container: container)
            case nil where field.exists: break
            case nil: out.fail("\(container.label) does not set allowPrivilegeEscalation: false", at: field, container: container)
            }
        }
        return out.findings
    }
}
