import EKSGuardCore

extension Workload {
    /// `spec.hostUsers: false`: the pod runs in its own user namespace, which from policy v1.35
    /// relaxes the root-user and /proc controls (root in the pod is not root on the node).
    var usesUserNamespace: Bool { spec["hostUsers"].bool.value == false }
}

/// The unconditional /proc mount rule both procMount controls share.
enum ProcMountRule {
    static func evaluate(_ workload: Workload, extraReferences: [String] = []) -> [Finding] {
        var out = WorkloadFindings(workload)
        for container in out.containers() {
            let field = container.securityContext["procMount"]
            if let value = out.read(field.string, at: field, container: container), value != "Default" {
                out.fail("\(container.label) sets securityContext.procMount: \(value)", at: field, container: container,
                         references: extraReferences)
            }
        }
        return out.findings
    }
}
