import Foundation

/// Counters and the latency histogram `/metrics` serves in Prometheus text format.
package final class WebhookMetrics: @unchecked Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]

    private let lock = NSLock()
    // All state below is guarded by `lock`.
    private var requests: [String: Int] = [:]
    private var denials: [String: Int] = [:]
    private var warnings = 0
    private var badRequests = 0
    private var certificateReloads = 0
    private var bucketCounts = [Int](repeating: 0, count: WebhookMetrics.buckets.count)
    private var latencyCount = 0
    private var latencySum = 0.0

    package init() {}

    package func record(_ decision: AdmissionDecision, seconds: Double) {
        let result = decision.skipped != nil ? "skipped" : decision.allowed ? "allowed" : "denied"
        let key = "operation=\"\(Self.label(decision.operation))\",kind=\"\(Self.label(decision.kind))\",result=\"\(result)\",dry_run=\"\(decision.dryRun)\""
        lock.withLock {
            requests[key, default: 0] += 1
            for denial in decision.denials { denials[denial.rule, default: 0] += 1 }
            warnings += decision.warnings.count
            observe(seconds)
        }
    }

    package func recordBadRequest(seconds: Double) {
        lock.withLock {
            badRequests += 1
            observe(seconds)
        }
    }

    package func recordCertificateReload() {
        lock.withLock { certificateReloads += 1 }
    }

    private func observe(_ seconds: Double) {
        latencyCount += 1
        latencySum += seconds
        for (index, bound) in Self.buckets.enumerated() where seconds <= bound { bucketCounts[index] += 1 }
    }

    package var text: String {
        lock.withLock {
            var out = "# HELP eksguard_webhook_requests_total AdmissionReview requests answered.\n# TYPE eksguard_webhook_requests_total counter\n"
            for (labels, count) in requests.sorted(by: { $0.key < $1.key }) { out += "eksguard_webhook_requests_total{\(labels)} \(count)\n" }
            out += "# HELP eksguard_webhook_denials_total Violations that denied a request, by rule.\n# TYPE eksguard_webhook_denials_total counter\n"
            for (rule, count) in denials.sorted(by: { $0.key < $1.key }) { out += "eksguard_webhook_denials_total{rule=\"\(Self.label(rule))\"} \(count)\n" }
            out += "# HELP eksguard_webhook_warnings_total Warnings returned to clients.\n# TYPE eksguard_webhook_warnings_total counter\neksguard_webhook_warnings_total \(warnings)\n"
            out += "# HELP eksguard_webhook_bad_requests_total Bodies that were not AdmissionReviews (HTTP 400).\n# TYPE eksguard_webhook_bad_requests_total counter\neksguard_webhook_bad_requests_total \(badRequests)\n"
            out += "# HELP eksguard_webhook_certificate_reloads_total Serving certificate reloads after the files changed.\n# TYPE eksguard_webhook_certificate_reloads_total counter\neksguard_webhook_certificate_reloads_total \(certificateReloads)\n"
            out += "# HELP eksguard_webhook_request_duration_seconds Time to answer a review.\n# TYPE eksguard_webhook_request_duration_seconds histogram\n"
            for (index, bound) in Self.buckets.enumerated() {
                out += "eksguard_webhook_request_duration_seconds_bucket{le=\"\(bound)\"} \(bucketCounts[index])\n"
            }
            out += "eksguard_webhook_request_duration_seconds_bucket{le=\"+Inf\"} \(latencyCount)\n"
            out += "eksguard_webhook_request_duration_seconds_sum \(latencySum)\neksguard_webhook_request_duration_seconds_count \(latencyCount)\n"
            return out
        }
    }

    /// A label value with the characters Prometheus escapes escaped.
    private static func label(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
