import ClusterSnapshot
import Foundation
import Testing

/// Reading snapshot files: versions, hostile input, lookups.
@Suite struct SnapshotFormatTests {
    static let sample = ClusterSnapshot(
        generator: "eksguard test", collectedAt: "2026-11-27T00:00:00Z", clusterName: "prod", region: "eu-west-1",
        calls: [
            APICall(service: "eks", operation: "DescribeNodegroup", parameters: ["nodegroupName": "a"], response: ["nodegroup": ["amiType": "AL2_x86_64"]]),
            APICall(service: "eks", operation: "DescribeNodegroup", parameters: ["nodegroupName": "b"],
                    error: RecordedError(kind: "service", code: "AccessDeniedException", message: "denied", httpStatus: 403)),
            APICall(service: "ecr", operation: "GetRepositoryPolicy", parameters: ["repositoryName": "r"],
                    error: RecordedError(kind: "service", code: "RepositoryPolicyNotFoundException", message: "none")),
        ]
    )

    @Test func roundTripsAndLooksUpCalls() throws {
        let decoded = try ClusterSnapshot.decode(Self.sample.encoded(), source: "sample")
        #expect(decoded == Self.sample)
        #expect(decoded.call("eks", "DescribeNodegroup", matching: ["nodegroupName": "b"])?.error?.isAccessDenied == true)
        #expect(decoded.call("eks", "DescribeNodegroup", matching: ["nodegroupName": "a"])?.response?[path: "nodegroup.amiType"] == "AL2_x86_64")
        #expect(decoded.failedCalls.map(\.iamAction) == ["eks:DescribeNodegroup"], "a missing repository policy is data, not a failure")
    }

    @Test(arguments: [
        (#"{"formatVersion": 2}"#, "not supported"),
        (#"{"formatVersion": 0}"#, "not supported"),
        (#"{"calls": []}"#, "not an eksguard snapshot"),
        ("[1, 2", "not an eksguard snapshot"),
        (#"{"formatVersion": 1, "calls": 5}"#, "malformed snapshot"),
    ])
    func badFilesNameTheProblem(_ text: String, _ reason: String) {
        #expect {
            try ClusterSnapshot.decode(Data(text.utf8), source: "bad.json")
        } throws: { error in
            let description = String(describing: error)
            return description.hasPrefix("bad.json: ") && description.contains(reason)
        }
    }
}
