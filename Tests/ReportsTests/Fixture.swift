import EKSGuardCore

/// A small report with a result of every status and the awkward cases writers get wrong:
/// a waived result, an expired waiver, an error, results without a file position, a check missing
/// from the catalog, and a message with quotes, newlines, `<&>`, a control character and Unicode.
enum Fixture {
    static let trickyMessage = "container \"app\" sets securityContext.privileged: true\n"
        + "  <& 'quoted' > | pipe \\ backslash\ttab \u{1B}[31m café ☸️ 🚀"

    static let privileged = CheckMetadata(
        id: "EKS-POD-007", title: "Privileged container", practice: .podSecurity, severity: .critical,
        rationale: "A privileged container has every capability and the host's devices.",
        remediation: "Remove privileged: true, or grant only the capability the container needs.",
        references: ["PSS:privileged", "CIS-EKS-1.8.0:4.2.1", "kubescape:C-0057"], passing: [], failing: [])

    static let privateEndpoint = CheckMetadata(
        id: "EKS-NET-001", title: "Private API server endpoint", practice: .privateNetworking, severity: .high,
        rationale: "A public endpoint exposes the Kubernetes API to the internet.",
        remediation: "Turn on the private endpoint and turn off public access, or restrict it by CIDR.",
        references: ["CIS-EKS-1.8.0:5.4.2", "prowler:eks_endpoints_not_publicly_accessible"], passing: [], failing: [])

    static let auditLogging = CheckMetadata(
        id: "EKS-LOG-001", title: "Control-plane audit logging", practice: .controlPlaneLogging, severity: .medium,
        rationale: "Audit logs record who did what to the cluster.",
        remediation: "Enable the audit and authenticator log types.",
        references: ["CIS-EKS-1.8.0:2.1.1"], passing: [], failing: [])

    static let deployment = ResourceRef(
        kind: "Deployment", namespace: "prod", name: "web", container: "app",
        file: "k8s/web.yaml", line: 12, column: 9, field: "spec.template.spec.containers[0].securityContext.privileged")

    static func result(
        _ check: CheckMetadata, _ status: CheckStatus, _ message: String, _ resource: ResourceRef,
        waiver: WaiverNote? = nil
    ) -> CheckResult {
        CheckResult(
            checkID: check.id, title: check.title, practice: check.practice, severity: check.severity,
            status: status, message: message, resource: resource, references: check.references,
            remediation: check.remediation, waiver: waiver)
    }

    static let results: [CheckResult] = [
        result(
            privateEndpoint, .error, "could not read the cluster: missing permission eks:DescribeCluster",
            ResourceRef(kind: "Cluster", name: "prod", arn: "arn:aws:eks:eu-west-1:111122223333:cluster/prod")),
        CheckResult(
            checkID: "DOCKER-DL3007", title: "Image tag latest", practice: .dockerfileLint, severity: .low,
            status: .fail, message: "FROM uses the latest tag", resource: ResourceRef(file: "build/Dockerfile", line: 3),
            references: ["hadolint:DL3007"], remediation: "Pin the base image to a version or digest."),
        result(
            auditLogging, .notApplicable, "the snapshot has no logging configuration",
            ResourceRef(kind: "Cluster", name: "prod")),
        result(privileged, .fail, trickyMessage, deployment),
        result(
            privileged, .waived, "container \"aws-node\" sets securityContext.privileged: true",
            ResourceRef(
                kind: "DaemonSet", namespace: "kube-system", name: "aws-node", container: "aws-node",
                file: "k8s/aws node.yaml", line: 40, column: 11),
            waiver: WaiverNote(reason: "The VPC CNI needs privileges; tracked in OPS-123",
                               owner: "platform-team", expires: "2027-01-31", expired: false)),
        result(
            privileged, .fail, "container \"debug\" sets securityContext.privileged: true",
            ResourceRef(kind: "Pod", namespace: "dev", name: "debug", container: "debug", file: "k8s/debug.yaml"),
            waiver: WaiverNote(reason: "temporary", owner: "alice", expires: "2024-01-31", expired: true)),
        result(privileged, .pass, "no container is privileged", ResourceRef(kind: "Deployment", namespace: "prod", name: "api")),
    ]

    static let report = Report(
        toolVersion: "0.1.0", command: "scan manifests",
        settings: [("pss-level", "restricted"), ("pss-version", "latest")],
        results: results, checks: [privateEndpoint, auditLogging, privileged])
}
