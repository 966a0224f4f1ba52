import ClusterSnapshot
import EKSGuardCore

/// One CloudTrail trail and whether it records this region's management events.
package struct TrailCoverage: Sendable {
    package var name: String
    package var arn: String?
    package var multiRegion: Bool
    package var logging: Bool
    /// "All", "WriteOnly", "ReadOnly" management events, or nil when the selectors exclude them.
    package var managementEvents: String?

    /// Writes such as StartSession, CreateAccessEntry and UpdateClusterConfig are recorded everywhere.
    package var recordsWritesEverywhere: Bool {
        multiRegion && logging && (managementEvents == "All" || managementEvents == "WriteOnly")
    }

    package var evidence: String {
        "\(name): multi-region \(multiRegion), logging \(logging), management events \(managementEvents ?? "none")"
    }
}

extension AWSFacts {
    /// Every trail `cloudtrail:DescribeTrails` lists, with `GetTrailStatus` and `GetEventSelectors`
    /// (basic or advanced selectors). The shared reading of ACC-007 and LOG-007.
    package var trails: Fetched<[TrailCoverage]> {
        response("cloudtrail", "DescribeTrails").flatMap { answer in
            var trails: [TrailCoverage] = []
            for trail in answer["trailList"]?.array ?? [] {
                let name = trail["Name"]?.string ?? "?"
                let key = trail["TrailARN"]?.string ?? name
                let status = response("cloudtrail", "GetTrailStatus", matching: ["Name": .string(key)])
                let selectors = response("cloudtrail", "GetEventSelectors", matching: ["TrailName": .string(key)])
                switch (status, selectors) {
                case (.failure(let gap), _), (_, .failure(let gap)): return .failure(gap)
                case (.success(let status), .success(let selectors)):
                    trails.append(TrailCoverage(
                        name: name, arn: trail["TrailARN"]?.string, multiRegion: trail["IsMultiRegionTrail"]?.bool == true,
                        logging: status["IsLogging"]?.bool == true, managementEvents: Self.managementEvents(selectors)))
                }
            }
            return .success(trails)
        }
    }

    /// The widest management-event coverage the selectors give.
    private static func managementEvents(_ answer: JSONValue) -> String? {
        var kinds: Set<String> = []
        for selector in answer["EventSelectors"]?.array ?? [] where selector["IncludeManagementEvents"]?.bool != false {
            kinds.insert(selector["ReadWriteType"]?.string ?? "All")
        }
        for selector in answer["AdvancedEventSelectors"]?.array ?? [] {
            let fields = selector["FieldSelectors"]?.array ?? []
            guard fields.contains(where: { $0["Field"]?.string == "eventCategory" && ($0["Equals"]?.array ?? []).contains("Management") })
            else { continue }
            let readOnly = fields.first { $0["Field"]?.string == "readOnly" }?["Equals"]?.array?.first?.string
            kinds.insert(readOnly == "true" ? "ReadOnly" : readOnly == "false" ? "WriteOnly" : "All")
        }
        if kinds.contains("All") || (kinds.contains("ReadOnly") && kinds.contains("WriteOnly")) { return "All" }
        return kinds.first
    }
}

extension ClusterFacts {
    /// The verdict both trail checks give: pass naming the trail that records write management
    /// events in every region, else a fail listing what each trail lacks. `unseen` says which
    /// actions go unrecorded.
    package func trailCoverageFindings(unseen: String) -> [Finding] {
        var findings: [Finding] = []
        let ref = ResourceRef(kind: "CloudTrail", name: aws?.snapshot.accountID ?? "account", field: "trailList")
        guard let aws = requireAWS.value(orReportAt: ref, into: &findings),
              let trails = aws.trails.value(orReportAt: ref, into: &findings) else { return findings }
        if let good = trails.first(where: \.recordsWritesEverywhere) {
            return [.pass("trail \(good.evidence)", at: ref.at("trailList", nil))]
        }
        let seen = trails.isEmpty ? "no trail exists" : trails.map(\.evidence).joined(separator: "; ")
        return [.fail("no logging multi-region trail records management events, so \(unseen) are not recorded (\(seen))", at: ref)]
    }
}
