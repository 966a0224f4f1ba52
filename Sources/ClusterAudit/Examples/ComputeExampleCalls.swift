/// Calls that cluster-check examples about nodes repeat, spliced into their JSON with `\#(...)`.
package enum ComputeExample {
    /// The Auto Scaling answer of a cluster without self-managed node groups.
    package static let noSelfManaged = #"{"call": "autoscaling:DescribeAutoScalingGroups", "response": {"AutoScalingGroups": []}}"#
}
