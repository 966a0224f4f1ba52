import EKSGuardCore
import Foundation
import Reports
import Testing

@Suite struct SARIFReportTests {
    private func parse(_ report: Report) throws -> [String: Any] {
        let text = ReportFormat.sarif.render(report)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func isSARIF210WithConsistentRules() throws {
        let root = try parse(Fixture.report)
        #expect(root["version"] as? String == "2.1.0")
        #expect((root["$schema"] as? String)?.contains("sarif-2.1.0") == true)
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "eksguard")
        #expect(driver["informationUri"] as? String == "https://github.com/eksguard/eksguard")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids.count == Set(ids).count, "rule IDs are unique")
        // The catalog's checks first, then the check only a result knows about.
        #expect(ids == ["EKS-NET-001", "EKS-LOG-001", "EKS-POD-007", "DOCKER-DL3007"])

        let results = try #require(run["results"] as? [[String: Any]])
        // fail, waived and error only: 3 failures + 1 waived + 1 error.
        #expect(results.count == 5)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules.indices.contains(index))
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }

        let privileged = try #require(rules.first { $0["id"] as? String == "EKS-POD-007" })
        #expect(privileged["name"] as? String == "PrivilegedContainer")
        let properties = try #require(privileged["properties"] as? [String: Any])
        #expect(properties["security-severity"] as? String == "9.5")
        #expect((properties["tags"] as? [String])?.contains("PSS:privileged") == true)
        #expect((privileged["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
    }

    @Test func waivedResultsAreSuppressed() throws {
        let run = try #require((try parse(Fixture.report)["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        for result in results {
            let status = (result["properties"] as? [String: Any])?["status"] as? String
            let suppressions = result["suppressions"] as? [[String: Any]]
            if status == "waived" {
                let suppression = try #require(suppressions?.first)
                #expect(suppression["kind"] as? String == "external")
                #expect(suppression["status"] as? String == "accepted")
                #expect(suppression["justification"] as? String
                    == "The VPC CNI needs privileges; tracked in OPS-123 (owner platform-team, expires 2027-01-31)")
            } else {
                #expect(suppressions == nil, "an expired waiver does not suppress")
            }
        }
    }

    @Test func locationsAndLevels() throws {
        let run = try #require((try parse(Fixture.report)["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let error = try #require(results.first { ($0["properties"] as? [String: Any])?["status"] as? String == "error" })
        #expect(error["kind"] as? String == "review")
        #expect(error["level"] as? String == "none")
        let errorLocation = try #require((error["locations"] as? [[String: Any]])?.first)
        #expect(errorLocation["physicalLocation"] == nil, "no file, no physical location")

        let privileged = try #require(results.first { $0["ruleId"] as? String == "EKS-POD-007" })
        #expect(privileged["level"] as? String == "error")
        #expect((privileged["message"] as? [String: Any])?["text"] as? String == Fixture.trickyMessage)
        let location = try #require((privileged["locations"] as? [[String: Any]])?.first)
        let physical = try #require(location["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "k8s/web.yaml")
        let region = try #require(physical["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 12)
        #expect(region["startColumn"] as? Int == 9)
        let logical = try #require((location["logicalLocations"] as? [[String: Any]])?.first)
        #expect(logical["fullyQualifiedName"] as? String == "Deployment/prod/web/app")
        #expect(logical["kind"] as? String == "Deployment")

        let dockerfile = try #require(results.first { $0["ruleId"] as? String == "DOCKER-DL3007" })
        #expect(dockerfile["level"] as? String == "note")

        let waived = try #require(results.first { $0["suppressions"] != nil })
        let waivedURI = ((waived["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            .flatMap { $0["artifactLocation"] as? [String: Any] }?["uri"] as? String
        #expect(waivedURI == "k8s/aws%20node.yaml")
    }
}
