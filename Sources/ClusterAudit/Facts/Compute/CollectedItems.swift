import ClusterSnapshot
import EKSGuardCore

extension AWSFacts {
    /// The items under `member` (a dotted path to a list) of every call of an operation. A gap when
    /// any call failed or the snapshot made none: "no call" must not read as "no items".
    package func collectedItems(_ service: String, _ operation: String, _ member: String) -> Fetched<[JSONValue]> {
        responses(service, operation).flatMap { answers in
            guard !answers.isEmpty else {
                return .failure(DataGap("the snapshot has no \(service):\(operation) call (collected by an older eksguard, or skipped because an earlier call failed)"))
            }
            return .success(answers.flatMap { $0.response[path: member]?.array ?? [] })
        }
    }

    /// `ec2:DescribeInstances → Reservations[].Instances[]`, terminated instances left out.
    package var instances: Fetched<[JSONValue]> {
        collectedItems("ec2", "DescribeInstances", "Reservations").map { reservations in
            reservations.flatMap { $0["Instances"]?.array ?? [] }
                .filter { $0[path: "State.Name"]?.string != "terminated" }
        }
    }

    /// `autoscaling:DescribeAutoScalingGroups → AutoScalingGroups[]`, each group once.
    package var autoScalingGroups: Fetched<[JSONValue]> {
        collectedItems("autoscaling", "DescribeAutoScalingGroups", "AutoScalingGroups").map { groups in
            var seen: Set<String> = []
            return groups.filter { seen.insert($0["AutoScalingGroupName"]?.string ?? "").inserted }
        }
    }

    /// The value of an EC2-style tag (`Tags[] {Key, Value}`).
    package static func tag(_ key: String, of object: JSONValue) -> String? {
        object["Tags"]?.array?.first { $0["Key"]?.string == key }?["Value"]?.string
    }
}
