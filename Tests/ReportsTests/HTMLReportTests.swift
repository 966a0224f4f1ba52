import Crypto
import EKSGuardCore
import Foundation
@testable import Reports
import Testing

@Suite struct HTMLReportTests {
    let audit = ReportFormat.html.render(AuditFixture.report)

    /// The only markup is ours: hostile text appears escaped, so the page has exactly one script and
    /// one style element, and no handler attribute or image from a message.
    @Test func hostileTextIsEscaped() {
        #expect(audit.components(separatedBy: "<script").count == 2)
        #expect(audit.components(separatedBy: "</script>").count == 2)
        #expect(audit.components(separatedBy: "</style>").count == 2)
        #expect(!audit.contains("<img"))
        #expect(!audit.contains("<b>do it</b>"))
        #expect(audit.contains("&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(audit.contains("name &quot;&lt;/style&gt;"))
        #expect(audit.contains("&#39;x&#39;"))
        #expect(audit.contains("Fix EKS-OS-001: &lt;b&gt;do it&lt;/b&gt; &amp; check again."))
    }

    /// The policy names the SHA-256 of the one style and the one script, so a browser runs them and
    /// nothing else; nothing is fetched from anywhere.
    @Test func contentSecurityPolicyAllowsExactlyTheInlineBlocks() throws {
        func hash(between open: String, and close: String) throws -> String {
            let start = try #require(audit.range(of: open)).upperBound
            let end = try #require(audit.range(of: close, range: start..<audit.endIndex)).lowerBound
            return "sha256-" + Data(SHA256.hash(data: Data(audit[start..<end].utf8))).base64EncodedString()
        }
        let policy = try #require(audit.split(separator: "\n").first { $0.contains("Content-Security-Policy") })
        #expect(policy.contains("default-src 'none'"))
        #expect(policy.contains("style-src '\(try hash(between: "<style>", and: "</style>"))'"))
        #expect(policy.contains("script-src '\(try hash(between: "<script>", and: "</script>"))'"))
        #expect(!audit.contains("src=\"http") && !audit.contains("<link") && !audit.contains(" style=\""))
        #expect(!audit.contains("unsafe-inline"))
    }

    @Test func scoreboardChartAndTableOpenTheAudit() throws {
        let board = try #require(audit.range(of: "<section id=\"scoreboard\">"))
        let findings = try #require(audit.range(of: "<div id=\"findings\""))
        #expect(board.lowerBound < findings.lowerBound)
        #expect(audit.contains("<svg class=\"chart\""))
        // Ten practices in the chart, each with its score or what stands in for it.
        #expect(audit.components(separatedBy: "<rect class=\"track\"").count == 11)
        #expect(audit.contains(">no data</text>") && audit.contains(">n/a</text>"))
        #expect(audit.contains("<h2>Practice 7: Control-plane logging <span class=\"muted\">(score 100)</span></h2>"))
        // Scans have neither scoreboard nor scores.
        let scan = ReportFormat.html.render(Fixture.report)
        #expect(!scan.contains("id=\"scoreboard\"") && !scan.contains("(score "))
    }

    @Test func rowsCarryTheClassesTheFiltersUse() {
        #expect(audit.contains("<tr class=\"s-critical t-fail\"><td>FAIL</td><td>critical</td><td><a href=\"#check-EKS-IAM-004\">"))
        #expect(audit.contains("<div id=\"findings\" class=\"hide-t-pass\">"))
        #expect(audit.contains("<label><input type=\"checkbox\" value=\"t-pass\"> PASS (4)</label>"))
        #expect(audit.contains("<label><input type=\"checkbox\" value=\"p8\" checked> 8. IRSA and pod identities (2)</label>"))
        // Every row class has a rule that hides it.
        for severity in Severity.allCases { #expect(HTMLAssets.style.contains(".hide-s-\(severity.rawValue) .s-\(severity.rawValue)")) }
        for status in CheckStatus.allCases { #expect(HTMLAssets.style.contains(".hide-t-\(status.rawValue) .t-\(status.rawValue)")) }
    }

    @Test func resourcesShowArnLocationAndField() {
        #expect(audit.contains(
            "<td>ServiceAccount/prod/web<small>arn:aws:iam::111122223333:role/web-role</small>"
                + "<small>metadata.annotations.eks.amazonaws.com/role-arn</small></td>"))
        #expect(audit.contains("<td>build/Dockerfile:3</td>"))
    }

    @Test func checksListRemediationAndLinkedReferences() {
        #expect(audit.contains("<dt id=\"check-EKS-OS-001\"><span class=\"is-fail\">FAIL</span> EKS-OS-001: Container-optimized AMI"))
        #expect(audit.contains("<a href=\"https://hub.prowler.com/check/eks_nodegroup_ami_type\" rel=\"noreferrer noopener\">"))
        #expect(audit.contains("References: CIS-EKS-1.8.0:3.1.1, <a"))
        #expect(audit.contains("href=\"https://hub.armosec.io/docs/c-0101\""))
        #expect(audit.contains("href=\"https://avd.aquasec.com/misconfig/avd-ksv-0017\""))
        #expect(audit.contains("href=\"https://github.com/hadolint/hadolint/wiki/DL3007\""))
        #expect(audit.contains("href=\"https://kubernetes.io/docs/concepts/security/pod-security-standards/\""))
        #expect(audit.contains("href=\"https://www.checkov.io/5.Policy%20Index/kubernetes.html\""))
        #expect(audit.contains(", checkov:CKV_AWS_39") && audit.contains(", securityhub:EKS.8") && audit.contains(", bpg:hosts"))
    }

    @Test(arguments: [
        ("prowler:eks_x", "https://hub.prowler.com/check/eks_x"),
        ("kubescape:C-0057", "https://hub.armosec.io/docs/c-0057"),
        ("trivy:AVD-DS-0002", "https://avd.aquasec.com/misconfig/avd-ds-0002"),
        ("hadolint:DL3007", "https://github.com/hadolint/hadolint/wiki/DL3007"),
        ("checkov:CKV2_DOCKER_1", "https://www.checkov.io/5.Policy%20Index/dockerfile.html"),
        ("prowler:../../evil?x=\"<>", "https://hub.prowler.com/check/..%2F..%2Fevil%3Fx%3D%22%3C%3E"),
    ])
    func referenceURLs(_ reference: String, _ url: String) {
        #expect(ReferenceLinks.url(for: reference) == url)
    }

    @Test(arguments: ["CIS-EKS-1.8.0:3.1.1", "checkov:CKV_AWS_39", "bpg:iam", "gatekeeper:K8sPSPPrivileged", "prowler:", "plain"])
    func referencesWithoutAPage(_ reference: String) {
        #expect(ReferenceLinks.url(for: reference) == nil)
    }

    /// 20,000 results: every row written, the page stays a few megabytes, and rendering is quick
    /// even in a debug build (the budget is generous; bench/ measures the real figure).
    @Test func twentyThousandResults() {
        let report = AuditFixture.large(20_000)
        let clock = ContinuousClock()
        var html = ""
        let elapsed = clock.measure { html = ReportFormat.html.render(report) }
        let rows = html.components(separatedBy: "<tr class=\"s-").count - 1
        #expect(rows == 20_000)
        let megabytes = Double(html.utf8.count) / 1_048_576
        print("HTML report of 20,000 results: \(String(format: "%.2f", megabytes)) MiB in \(elapsed)")
        #expect(megabytes < 8)
        #expect(elapsed < .seconds(10))
    }
}
