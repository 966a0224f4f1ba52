import EKSGuardCore

/// An audit-shaped report: AWS and Kubernetes resources (ARNs, fields), graded severities, every
/// status, references of every namespace, a practice with only not-applicable results, practices
/// without results at all, and hostile text where an attacker controls it (messages quote names and
/// values from the cluster).
enum AuditFixture {
    static let hostile = "name \"</style><script>alert(1)</script>\" & 'x' </td></tr></table><img src=x onerror=alert(2)>"

    static func check(
        _ id: String, _ title: String, _ practice: Practice, _ severity: Severity, references: [String]
    ) -> CheckMetadata {
        CheckMetadata(
            id: id, title: title, practice: practice, severity: severity, rationale: "Why \(id) matters.",
            remediation: "Fix \(id): <b>do it</b> & check again.", references: references, passing: [], failing: [])
    }

    static let amiType = check("EKS-OS-001", "Container-optimized AMI", .nodeOS, .high,
                               references: ["CIS-EKS-1.8.0:3.1.1", "prowler:eks_nodegroup_ami_type", "bpg:hosts"])
    static let imds = check("EKS-ACC-003", "IMDS hop limit", .nodeAccess, .high,
                            references: ["kubescape:C-0101", "securityhub:EKS.8"])
    static let endpoint = check("EKS-NET-001", "Private API server endpoint", .privateNetworking, .critical,
                                references: ["prowler:eks_endpoints_not_publicly_accessible", "checkov:CKV_AWS_39"])
    static let logging = check("EKS-LOG-001", "Control-plane audit logging", .controlPlaneLogging, .medium,
                               references: ["CIS-EKS-1.8.0:2.1.1", "trivy:AVD-AWS-0038"])
    static let irsa = check("EKS-IAM-004", "IRSA trust scoped to one service account", .podIdentity, .high,
                            references: ["kubescape:C-0035"])
    static let mesh = check("EKS-TRN-001", "Mesh injection", .transitEncryption, .low, references: [])
    static let privileged = check("EKS-POD-007", "Privileged container", .podSecurity, .critical,
                                  references: ["PSS:privileged", "checkov:CKV_K8S_16", "trivy:AVD-KSV-0017"])
    static let dockerfile = check("EKS-DKR-DL3007", "Image tag latest", .dockerfileLint, .low,
                                  references: ["hadolint:DL3007", "checkov:CKV_DOCKER_7"])

    static let cluster = ResourceRef(kind: "Cluster", name: "prod", arn: "arn:aws:eks:eu-west-1:111122223333:cluster/prod")

    static func nodegroup(_ name: String) -> ResourceRef {
        ResourceRef(kind: "Nodegroup", name: name, arn: "arn:aws:eks:eu-west-1:111122223333:nodegroup/prod/\(name)/1a2b",
                    field: "amiType")
    }

    static func result(
        _ check: CheckMetadata, _ status: CheckStatus, _ message: String, _ resource: ResourceRef,
        severity: Severity? = nil, waiver: WaiverNote? = nil
    ) -> CheckResult {
        CheckResult(
            checkID: check.id, title: check.title, practice: check.practice, severity: severity ?? check.severity,
            status: status, message: message, resource: resource, references: check.references,
            remediation: check.remediation, waiver: waiver)
    }

    static let results: [CheckResult] = [
        result(amiType, .pass, "ng-1: amiType AL2023_x86_64_STANDARD", nodegroup("ng-1")),
        result(amiType, .fail, "ng-2: amiType CUSTOM with launch template AMI ami-0abc (Ubuntu)", nodegroup("ng-2")),
        result(imds, .error, "could not read instances: ec2:DescribeInstances AccessDenied (not authorized)", cluster),
        result(endpoint, .fail, "endpointPublicAccess true with publicAccessCidrs [0.0.0.0/0, ::/0]",
               ResourceRef(kind: "Cluster", name: "prod", arn: cluster.arn, field: "resourcesVpcConfig.publicAccessCidrs")),
        result(logging, .pass, "cluster logging enables api, audit, authenticator", cluster),
        result(irsa, .fail, "role web-role trusts \(hostile) with :sub wildcard system:serviceaccount:*",
               ResourceRef(kind: "ServiceAccount", namespace: "prod", name: "web",
                           arn: "arn:aws:iam::111122223333:role/web-role", field: "metadata.annotations.eks.amazonaws.com/role-arn"),
               severity: .critical),
        result(irsa, .pass, "role api-role trusts system:serviceaccount:prod:api exactly",
               ResourceRef(kind: "ServiceAccount", namespace: "prod", name: "api", arn: "arn:aws:iam::111122223333:role/api-role")),
        result(mesh, .notApplicable, "no service mesh is installed", cluster),
        result(privileged, .waived, "container \"aws-node\" sets securityContext.privileged: true",
               ResourceRef(kind: "DaemonSet", namespace: "kube-system", name: "aws-node", container: "aws-node",
                           field: "spec.template.spec.containers[0].securityContext.privileged"),
               waiver: WaiverNote(reason: "VPC CNI needs it", owner: "platform", expires: "2027-01-31", expired: false)),
        result(privileged, .pass, "no container is privileged", ResourceRef(kind: "Deployment", namespace: "prod", name: "api")),
        result(dockerfile, .fail, "FROM uses the latest tag", ResourceRef(file: "build/Dockerfile", line: 3)),
    ]

    static let report = Report(
        toolVersion: "0.1.0", command: "audit", settings: [("cluster", "prod"), ("region", "eu-west-1")],
        results: results, checks: [amiType, imds, endpoint, logging, irsa, mesh, privileged, dockerfile], kind: .audit)

    /// `count` results spread over every practice, severity and status, with hostile messages:
    /// the size a large cluster's audit reaches.
    static func large(_ count: Int) -> Report {
        let checks = Practice.allCases.flatMap { practice in
            (1...4).map { number in
                check("EKS-P\(practice.rawValue)-00\(number)", "Check \(number) of practice \(practice.rawValue)", practice,
                      Severity.allCases[(practice.rawValue + number) % Severity.allCases.count],
                      references: ["prowler:check_\(number)", "kubescape:C-00\(10 + number)", "CIS-EKS-1.8.0:\(practice.rawValue).\(number)"])
            }
        }
        var results = (0..<count).map { index -> CheckResult in
            let checkIndex = index % checks.count
            let check = checks[checkIndex]
            // A third of the checks always pass, so practices score differently.
            let status = checkIndex % 3 == 0
                ? CheckStatus.pass : CheckStatus.allCases[(index / checks.count + checkIndex) % CheckStatus.allCases.count]
            let message = index % 97 == 0 ? hostile : "pod web-\(index) in namespace team-\(index % 50): value \(index)"
            return result(check, status, message, ResourceRef(
                kind: "Pod", namespace: "team-\(index % 50)", name: "web-\(index)", container: "app",
                field: "spec.containers[0].securityContext"))
        }
        results.sortForReport()
        return Report(command: "audit", results: results, checks: checks, kind: .audit)
    }
}
