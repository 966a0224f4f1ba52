import AWSClient
import Foundation
import KubernetesClient

extension KubernetesConnection {
    /// The audited cluster's API server, from `eks:DescribeCluster`'s `cluster.endpoint` and
    /// `cluster.certificateAuthority.data`, authenticated with EKS tokens (`aws eks get-token`'s)
    /// presigned with the AWS client's credentials: the audit's Kubernetes input when neither
    /// --kubeconfig nor --context is given.
    static func eks(endpoint: String, certificateAuthorityData: String, clusterName: String, aws: AWSClient) throws(KubernetesClientError)
        -> KubernetesConnection
    {
        try .eks(endpoint: endpoint, certificateAuthorityData: certificateAuthorityData) {
            guard let provider = aws.credentials else { throw KubernetesClientError("no AWS credentials to make the EKS token with") }
            guard let sts = ServiceModels.all["sts"] else { throw KubernetesClientError("no STS service model") }
            let token = EKSToken.make(
                clusterName: clusterName, credentials: try await provider.credentials(), endpoint: try aws.endpoints.endpoint(service: sts.metadata))
            return IssuedCredential(token: token.token, expiration: token.expiration)
        }
    }
}
