import ClusterSnapshot
import EKSGuardCore

/// EKS-NET-002: the public API endpoint enabled at all.
package struct PublicEndpointEnabledCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-NET-002",
        title: "Public API endpoint is disabled",
        practice: .privateNetworking,
        severity: .medium,
        rationale: """
            Even with a CIDR allow-list, a public endpoint is an internet-facing service whose protection is a list \
            of addresses. With `endpointPublicAccess` false the API server is reachable only from the VPC and \
            connected networks. Having the private endpoint on as well does not close the public one (the \
            combination Prowler and cloudsploit once missed).
            """,
        remediation: """
            aws eks update-cluster-config --name CLUSTER --resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true.
            """,
        references: ["CIS-EKS-1.8.0:5.4.2", "CIS-EKS-1.7.0:5.4.2", "CIS-EKS-1.5.0:5.4.2", "CIS-EKS-1.2.0:5.4.2", "kubescape:C-0228", "checkov:CKV_AWS_39", "trivy:AWS-0040"],
        passing: [.cluster(#"{"cluster": {"name": "p", "resourcesVpcConfig": {"endpointPublicAccess": false, "endpointPrivateAccess": true}}}"#)],
        failing: [
            .cluster(#"{"cluster": {"name": "p", "resourcesVpcConfig": {"endpointPublicAccess": true, "endpointPrivateAccess": true, "publicAccessCidrs": ["203.0.113.0/24"]}}}"#,
                     expect: ["cluster.resourcesVpcConfig.endpointPublicAccess"], note: "public and private both on"),
            .cluster(#"{"cluster": {"name": "p", "resourcesVpcConfig": {}}}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let access = facts.endpointAccess(into: &findings) else { return findings }
        let ref = facts.resource.at("cluster.resourcesVpcConfig.endpointPublicAccess", nil)
        return [access.publicAccess ? .fail("the API server has a public endpoint (\(access.evidence))", at: ref) : .pass(access.evidence, at: ref)]
    }
}
