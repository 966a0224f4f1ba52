@testable import ClusterAudit
import EKSGuardCore
import Foundation
import Testing

/// Graded checks: the failing example that documents a grade produces a failure of that severity.
@Suite struct IdentityRegistryGradeTests {
    static let grades: [(id: String, note: String, severity: Severity)] = [
        ("EKS-IAM-002", "critical: writes", .critical), ("EKS-IAM-002", "high: read-only role, only aud pinned", .high),
        ("EKS-IAM-003", "high: any service account", .high), ("EKS-IAM-003", "medium: one namespace", .medium),
        ("EKS-IAM-003", "high: every cluster of the region", .high),
        ("EKS-IAM-006", "medium", .medium), ("EKS-IAM-006", "info: no TagSession", .info),
        ("EKS-IAM-008", "medium", .medium), ("EKS-IAM-008", "info", .info),
        ("EKS-IAM-011", "high", .high), ("EKS-IAM-011", "critical: inline admin", .critical),
        ("EKS-IAM-017", "low", .low), ("EKS-IAM-019", "low", .low),
        ("EKS-IAM-021", "high", .high), ("EKS-IAM-021", "medium", .medium),
        ("EKS-IMG-003", "high", .high), ("EKS-IMG-003", "medium", .medium),
        ("EKS-IMG-009", "critical", .critical), ("EKS-IMG-009", "high: foreign push", .high),
    ]

    @Test(arguments: grades.indices)
    func failingExampleHasItsGrade(_ index: Int) throws {
        let grade = Self.grades[index]
        let descriptor = try #require(AuditCatalog.checks.first { $0.metadata.id == grade.id })
        let example = try #require(descriptor.metadata.failing.first { $0.note == grade.note }, "\(grade.id) has no example \"\(grade.note)\"")
        let findings = descriptor.evaluate(try ExampleFacts.facts(example.input), AuditContext(
            now: ISO8601DateFormatter().date(from: "2026-11-01T00:00:00Z")!, settings: example.options))
        let failures = findings.filter { $0.status == .fail }
        #expect(!failures.isEmpty)
        let severities = failures.map { $0.severity ?? descriptor.metadata.severity }
        #expect(severities.contains(grade.severity), "\(grade.id) \(grade.note): got \(severities)")
    }
}
