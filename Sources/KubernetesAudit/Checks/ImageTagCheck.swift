import EKSGuardCore

/// Catalog EKS-IMG-008: images are pulled by digest, or at least by a fixed tag.
struct ImageTagCheck: KubernetesCheck {
    static let metadata = CheckMetadata(
        id: "EKS-IMG-008",
        title: "Image pulled by mutable tag",
        practice: .imageScanning,
        severity: .medium,
        rationale: """
            A tag can be moved to another image after it was scanned and approved; `:latest` or no tag \
            moves on every push (medium). A fixed tag without a digest can still be re-pushed (low). \
            Only a digest pins what runs to what was scanned.
            """,
        remediation: "Reference images by digest (name@sha256:...), and make ECR repositories tag-immutable.",
        references: ["kubescape:C-0075", "checkov:CKV_K8S_14", "checkov:CKV_K8S_43", "trivy:AVD-KSV-0013", "gatekeeper:K8sImageDigests"],
        passing: [
            .pod("""
                containers:
                - name: app
                  image: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2@sha256:0d2b7e3e4a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5
                """),
        ],
        failing: [
            .pod("""
                containers:
                - {name: app, image: "nginx:latest"}
                - {name: sidecar, image: "registry.local:5000/envoy"}
                """, expect: ["spec.containers[0].image", "spec.containers[1].image"]),
        ]
    )

    func evaluate(_ workload: Workload, in context: KubernetesContext) -> [Finding] {
        var out = WorkloadFindings(workload)
        for container in out.containers() {
            let field = container.cursor["image"]
            guard let image = out.read(field.string, at: field, container: container) else {
                if !field.exists, container.group != .ephemeralContainers, !workload.object.kind.hasPrefix("PodTemplate") {
                    out.error("\(container.label) has no image", at: field, container: container)
                }
                continue
            }
            let reference = ImageReference(image)
            if reference.digest != nil { continue }
            if reference.tag == nil || reference.tag == "latest" {
                out.fail("\(container.label) runs \(image) (\(reference.tag == nil ? "no tag" : ":latest"), no digest)",
                         at: field, container: container, severity: .medium)
            } else {
                out.fail("\(container.label) runs \(image) by tag, without a digest", at: field, container: container, severity: .low)
            }
        }
        return out.findings
    }
}
