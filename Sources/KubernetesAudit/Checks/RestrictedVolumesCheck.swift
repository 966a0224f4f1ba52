import EKSGuardCore

/// PSS `restrictedVolumes`: only ephemeral and API-backed volume types. Replaces
/// `hostPathVolumes` at the restricted level; a hostPath finding keeps that reference and grade.
struct RestrictedVolumesCheck: KubernetesCheck {
    static let podSecurity: PodSecurityControl? = PodSecurityControl(
        id: "restrictedVolumes", level: .restricted, revisions: [.v1(0)], replaces: ["hostPathVolumes"])

    static let metadata = CheckMetadata(
        id: "EKS-POD-026",
        title: "Volume type outside the restricted set",
        practice: .podSecurity,
        severity: .medium,
        rationale: """
            Restricted pods use only configMap, csi, downwardAPI, emptyDir, ephemeral, image, \
            persistentVolumeClaim, projected and secret volumes. Other types reach host files, network \
            storage with node credentials, or deprecated drivers.
            """,
        remediation: "Use a PersistentVolumeClaim (or CSI) instead of in-line network or host volumes.",
        references: ["PSS:restrictedVolumes", "trivy:AVD-KSV-0028"],
        passing: [
            .pod("""
                containers: [{name: app, image: nginx:1.27}]
                volumes:
                - {name: data, persistentVolumeClaim: {claimName: data}}
                - {name: scratch}
                """),
        ],
        failing: [
            .pod("""
                containers: [{name: app, image: nginx:1.27}]
                volumes:
                - name: share
                  nfs: {server: 10.0.0.5, path: /exports}
                """, expect: ["spec.volumes[0].nfs"]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        var out = WorkloadFindings(workload)
        for volume in out.list(workload.spec["volumes"]) {
            let source = volume.volumeSource
            guard !Volumes.restrictedAllowed.contains(source) else { continue }
            if source == "hostPath" {
                out.fail(HostPathVolumesCheck.message(volume), at: volume["hostPath"],
                         severity: HostPathVolumesCheck.severity(volume), references: ["PSS:hostPathVolumes"])
            } else {
                let name = volume["name"].string.value ?? "?"
                out.fail("volume \"\(name)\" uses restricted volume type \(source)", at: volume[source])
            }
        }
        return out.findings
    }
}
