import EKSGuardCore
import KubernetesAudit

extension Constraint {
    /// The check ID results of this constraint carry: kind and name, as Gatekeeper's audit names them.
    package var checkID: String { "GK-\(kind)/\(name)" }

    /// How a failure ranks: denying constraints are high, warnings medium, dry runs low.
    package var severity: Severity {
        switch action {
        case .deny: .high
        case .warn: .medium
        case .dryrun: .low
        }
    }

    package var metadata: CheckMetadata {
        CheckMetadata(
            id: checkID, title: "Gatekeeper \(kind) constraint \(name) (\(action.rawValue))", practice: .podSecurity,
            severity: severity,
            rationale: "The cluster's Gatekeeper constraint \(name) (\(file)) would reject this pod at admission; eksguard evaluates the gatekeeper-library kind natively.",
            remediation: rule.fix, references: [reference], passing: [], failing: [])
    }

    /// This constraint as a workload check for `scan manifests`: a controller's pod template is
    /// checked as the Pod it creates; a workload the constraint does not match is not applicable.
    package var descriptor: CheckDescriptor<Workload, KubernetesContext> {
        let constraint = self
        return CheckDescriptor(metadata: metadata) { workload, _ in
            guard let violations = constraint.evaluate(PodReview(workload: workload)) else {
                return [.notApplicable("constraint \(constraint.name) does not match this object", at: workload.resource)]
            }
            return violations.map { violation in
                var resource = workload.resource.at(violation.field, violation.position)
                resource.container = violation.container
                return .fail("\(violation.message) (fix: \(constraint.rule.fix))", at: resource)
            }
        }
    }
}
