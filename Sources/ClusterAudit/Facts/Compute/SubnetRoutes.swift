import ClusterSnapshot
import EKSGuardCore

/// Whether a subnet is public: its route table (the explicit association, else the VPC's main
/// table) sends `0.0.0.0/0` or `::/0` to an internet gateway, or it gives instances public IPs.
package struct SubnetExposure: Sendable {
    package var subnetID: String
    package var routeTableID: String
    /// `0.0.0.0/0 → igw-1` routes; egress-only gateways (`eigw-`) and NAT do not count.
    package var internetRoutes: [String]
    package var mapsPublicIP: Bool
    package var mainTable: Bool

    package var isPublic: Bool { !internetRoutes.isEmpty || mapsPublicIP }

    package var evidence: String {
        let table = "\(routeTableID)\(mainTable ? " (VPC main table)" : "")"
        let routes = internetRoutes.isEmpty ? "no default route to an internet gateway" : internetRoutes.joined(separator: ", ")
        return "\(subnetID): route table \(table) has \(routes); MapPublicIpOnLaunch \(mapsPublicIP)"
    }
}

extension AWSFacts {
    /// The exposure of one subnet, or why its subnet or route tables are missing.
    package func exposure(ofSubnet id: String) -> Fetched<SubnetExposure> {
        collectedItems("ec2", "DescribeSubnets", "Subnets").flatMap { subnets in
            guard let subnet = subnets.first(where: { $0["SubnetId"]?.string == id }) else {
                return .failure(DataGap("subnet \(id) is not in the snapshot's ec2:DescribeSubnets answers"))
            }
            return collectedItems("ec2", "DescribeRouteTables", "RouteTables").flatMap { tables in
                let explicit = tables.first { table in
                    (table["Associations"]?.array ?? []).contains { $0["SubnetId"]?.string == id }
                }
                let vpc = subnet["VpcId"]?.string
                let main = tables.first { table in
                    table["VpcId"]?.string == vpc && (table["Associations"]?.array ?? []).contains { $0["Main"]?.bool == true }
                }
                guard let table = explicit ?? main else {
                    return .failure(DataGap("no route table of \(id) (explicit or main table of \(vpc ?? "its VPC")) in ec2:DescribeRouteTables"))
                }
                let routes = (table["Routes"]?.array ?? []).compactMap { route -> String? in
                    guard route["State"]?.string != "blackhole",
                          let gateway = route["GatewayId"]?.string, gateway.hasPrefix("igw-") else { return nil }
                    let destination = route["DestinationCidrBlock"]?.string ?? route["DestinationIpv6CidrBlock"]?.string
                    guard let destination, CIDR.isAnyAddress(destination) else { return nil }
                    return "\(destination) → \(gateway)"
                }
                return .success(SubnetExposure(
                    subnetID: id, routeTableID: table["RouteTableId"]?.string ?? "?", internetRoutes: routes,
                    mapsPublicIP: subnet["MapPublicIpOnLaunch"]?.bool == true, mainTable: explicit == nil))
            }
        }
    }
}
