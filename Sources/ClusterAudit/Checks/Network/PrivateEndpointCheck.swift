import ClusterSnapshot
import EKSGuardCore

/// EKS-NET-003: the private API endpoint turned off.
package struct PrivateEndpointCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-NET-003",
        title: "Private API endpoint is enabled",
        practice: .privateNetworking,
        severity: .medium,
        rationale: """
            With `endpointPrivateAccess` false, nodes reach the API server through its public endpoint: kubelet \
            traffic leaves the VPC, and a restricted `publicAccessCidrs` must list the NAT addresses of the nodes. \
            Prowler's `eks_cluster_private_nodes_enabled` tests this flag, although its name speaks of nodes.
            """,
        remediation: "aws eks update-cluster-config --name CLUSTER --resources-vpc-config endpointPrivateAccess=true.",
        references: ["CIS-EKS-1.8.0:5.4.2", "CIS-EKS-1.7.0:5.4.2", "CIS-EKS-1.5.0:5.4.2", "CIS-EKS-1.2.0:5.4.2", "prowler:eks_cluster_private_nodes_enabled"],
        passing: [.cluster(#"{"cluster": {"name": "p", "resourcesVpcConfig": {"endpointPublicAccess": false, "endpointPrivateAccess": true}}}"#)],
        failing: [
            .cluster(#"{"cluster": {"name": "p", "resourcesVpcConfig": {"endpointPublicAccess": true, "endpointPrivateAccess": false, "publicAccessCidrs": ["0.0.0.0/0"]}}}"#,
                     expect: ["cluster.resourcesVpcConfig.endpointPrivateAccess"]),
            .cluster(#"{"calls": [{"call": "eks:DescribeCluster", "error": "ResourceNotFoundException"}]}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let access = facts.endpointAccess(into: &findings) else { return findings }
        let ref = facts.resource.at("cluster.resourcesVpcConfig.endpointPrivateAccess", nil)
        return [access.privateAccess ? .pass(access.evidence, at: ref) : .fail("the private endpoint is off: node traffic to the API server leaves the VPC (\(access.evidence))", at: ref)]
    }
}
