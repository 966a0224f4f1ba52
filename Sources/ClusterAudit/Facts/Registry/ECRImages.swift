import ClusterSnapshot
import EKSGuardCore

extension AWSFacts {
    /// `ecr:DescribeImages → imageDetails[]` of every call, by digest (the collector lists whole
    /// repositories and, for running images, asks by digest: both are searched).
    package var imageDetailsByDigest: Fetched<[String: JSONValue]> {
        responses("ecr", "DescribeImages").map { answers in
            var byDigest: [String: JSONValue] = [:]
            for detail in answers.flatMap({ $0.response["imageDetails"]?.array ?? [] }) {
                if let digest = detail["imageDigest"]?.string { byDigest[digest] = detail }
            }
            return byDigest
        }
    }

    /// The account's private registry host in the cluster's region.
    package var registryHost: String? {
        snapshot.accountID.map { "\($0).dkr.ecr.\(region).amazonaws.com" }
    }
}
