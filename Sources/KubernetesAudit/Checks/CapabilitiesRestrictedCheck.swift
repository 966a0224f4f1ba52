import EKSGuardCore

/// PSS `capabilities_restricted` (v1.22+): drop ALL, add nothing but NET_BIND_SERVICE; Windows
/// pods are exempt from v1.25. Replaces `capabilities_baseline` at the restricted level.
struct CapabilitiesRestrictedCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(
        id: "capabilities_restricted", level: .restricted, revisions: [.v1(22), .v1(25)],
        replaces: ["capabilities_baseline"])

    static let metadata = CheckMetadata(
        id: "EKS-POD-006",
        title: "Capabilities not dropped or extra capabilities added",
        practice: .podSecurity,
        severity: .medium,
        rationale: """
            Containers start with a default set of Linux capabilities (NET_RAW among them, which allows \
            spoofing on the pod network). Dropping ALL and adding back only NET_BIND_SERVICE removes that \
            attack surface; SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, DAC_READ_SEARCH, BPF and NET_RAW \
            are graded high.
            """,
        remediation: "Set securityContext.capabilities.drop: [ALL] and add at most NET_BIND_SERVICE.",
        references: [
            "PSS:capabilities_restricted", "kubescape:C-0046", "checkov:CKV_K8S_28", "checkov:CKV_K8S_37",
            "trivy:AVD-KSV-0003", "gatekeeper:K8sPSPCapabilities",
        ],
        passing: [
            .pod("""
                containers:
                - name: app
                  image: nginx:1.27
                  securityContext:
                    capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
                """),
        ],
        failing: [
            .pod("""
                containers:
                - name: app
                  image: nginx:1.27
                  securityContext:
                    capabilities: {drop: [NET_RAW], add: [SYS_ADMIN]}
                """, expect: [
                    "spec.containers[0].securityContext.capabilities.drop",
                    "spec.containers[0].securityContext.capabilities.add[0]",
                ]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        var out = WorkloadFindings(workload)
        if context.podSecurityVersion >= .v1(25), workload.isWindows { return [] }
        for container in out.containers() {
            let capabilities = container.securityContext["capabilities"]
            let drop = capabilities["drop"]
            let dropped = out.read(drop.stringList, at: drop, container: container)
            if drop.invalidReasonFree, !(dropped ?? []).contains(where: { $0.0 == "ALL" }) {
                out.fail("\(container.label) does not drop ALL capabilities", at: drop, container: container)
            }
            let add = capabilities["add"]
            for (name, cursor) in out.read(add.stringList, at: add, container: container) ?? [] where name != "NET_BIND_SERVICE" {
                out.fail(
                    "\(container.label) adds capability \(name)", at: cursor, container: container,
                    severity: Capabilities.dangerous.contains(name) ? .high : .medium,
                    references: Capabilities.baselineAllowed.contains(name) ? [] : ["PSS:capabilities_baseline"])
            }
        }
        return out.findings
    }
}

extension Cursor {
    /// True unless the field is present with the wrong type (which `read` already reported).
    var invalidReasonFree: Bool { stringList.invalidReason == nil }
}
