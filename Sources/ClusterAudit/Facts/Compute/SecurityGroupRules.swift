import ClusterSnapshot
import EKSGuardCore
import Foundation

/// One ingress rule of a security group, as `ec2:DescribeSecurityGroupRules` answers it.
package struct IngressRule: Sendable {
    package var groupID: String
    package var ruleID: String
    package var rule: JSONValue

    /// The port range the rule opens; nil for non-TCP/UDP protocols other than "all" (ICMP).
    package var ports: ClosedRange<Int>? {
        let proto = rule["IpProtocol"]?.string ?? ""
        if proto == "-1" || proto == "all" { return 0...65535 }
        guard ["tcp", "6", "udp", "17"].contains(proto) else { return nil }
        let from = rule["FromPort"]?.number.map { Int($0) } ?? -1
        let to = rule["ToPort"]?.number.map { Int($0) } ?? -1
        if from < 0 || to < 0 { return 0...65535 }
        return from <= to ? from...to : nil
    }

    /// TCP reaches `port` through this rule (`-1` means every protocol and port).
    package func opensTCP(_ port: Int) -> Bool {
        let proto = rule["IpProtocol"]?.string ?? ""
        guard ["-1", "all", "tcp", "6"].contains(proto) else { return false }
        return ports?.contains(port) ?? false
    }

    /// `tcp 22-22` / `all traffic`, for messages.
    package var portText: String {
        let proto = rule["IpProtocol"]?.string ?? "?"
        if proto == "-1" || proto == "all" { return "all traffic" }
        guard let ports else { return proto }
        return ports.lowerBound == ports.upperBound ? "\(proto) \(ports.lowerBound)" : "\(proto) \(ports.lowerBound)-\(ports.upperBound)"
    }
}

extension AWSFacts {
    /// The ingress rules of a group; a gap when its rules were not collected.
    package func ingressRules(ofGroup group: String) -> Fetched<[IngressRule]> {
        responses("ec2", "DescribeSecurityGroupRules").flatMap { answers in
            let covering = answers.filter { answer in
                (answer.call.parameters["Filters"]?.array ?? []).contains { filter in
                    filter["Name"]?.string == "group-id" && (filter["Values"]?.array ?? []).contains(.string(group))
                }
            }
            guard !covering.isEmpty else {
                return .failure(DataGap("the snapshot has no ec2:DescribeSecurityGroupRules answer for \(group)"))
            }
            return .success(covering.flatMap { $0.response["SecurityGroupRules"]?.array ?? [] }.compactMap { rule in
                guard rule["GroupId"]?.string == group, rule["IsEgress"]?.bool != true else { return nil }
                return IngressRule(groupID: group, ruleID: rule["SecurityGroupRuleId"]?.string ?? "?", rule: rule)
            })
        }
    }

    /// The internet source of a rule: `0.0.0.0/0`, `::/0`, or a managed prefix list holding one
    /// of them; nil for narrower sources. A gap when a prefix list's entries were not collected.
    package func internetSource(of rule: IngressRule) -> Fetched<String?> {
        for key in ["CidrIpv4", "CidrIpv6"] {
            if let cidr = rule.rule[key]?.string, CIDR.isAnyAddress(cidr) { return .success(cidr) }
        }
        guard let list = rule.rule["PrefixListId"]?.string else { return .success(nil) }
        return response("ec2", "GetManagedPrefixListEntries", matching: ["PrefixListId": .string(list)]).map { answer in
            let cidrs = answer["Entries"]?.array?.compactMap { $0["Cidr"]?.string } ?? []
            return cidrs.first(where: CIDR.isAnyAddress).map { "prefix list \(list) (contains \($0))" }
        }
    }
}

/// CIDR text helpers for "from anywhere" and breadth tests.
package enum CIDR {
    /// `0.0.0.0/0` or `::/0` (any spelling of the IPv6 zero address).
    package static func isAnyAddress(_ cidr: String) -> Bool {
        guard let (address, length) = split(cidr), length == 0 else { return false }
        return address == "0.0.0.0" || address.allSatisfy { $0 == ":" || $0 == "0" }
    }

    /// Address and prefix length; nil when the text is not `address/length`.
    package static func split(_ cidr: String) -> (String, Int)? {
        let parts = cidr.trimmingCharacters(in: .whitespaces).split(separator: "/")
        guard parts.count == 2, let length = Int(parts[1]), length >= 0, length <= 128 else { return nil }
        return (String(parts[0]), length)
    }
}
