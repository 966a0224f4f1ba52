import EKSGuardCore
import Gatekeeper
import KubernetesAudit

/// A request body the webhook cannot answer: HTTP 400 with this message.
package struct BadAdmissionRequest: Error, Sendable, CustomStringConvertible {
    package var message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}

/// One violation as the webhook reports it: which rule, where, and how to fix it.
package struct AdmissionFinding: Sendable, Equatable {
    package var rule: String
    package var message: String
    package var container: String?
    package var field: String?
    package var fix: String

    /// `[EKS-POD-007] container "app" spec.containers[0].securityContext.privileged: ... Fix: ...`
    package var text: String {
        var where_ = container.map { "container \"\($0)\"" } ?? ""
        if let field, !field.isEmpty { where_ += (where_.isEmpty ? "" : " ") + field }
        return "[\(rule)] " + (where_.isEmpty ? "" : where_ + ": ") + message + " Fix: " + fix
    }
}

/// The answer to one AdmissionReview.
package struct AdmissionDecision: Sendable {
    package var uid: String
    package var apiVersion: String
    package var denials: [AdmissionFinding] = []
    package var warnings: [AdmissionFinding] = []
    /// Violations of dry-run constraints: logged, never returned to the client.
    package var recorded: [AdmissionFinding] = []
    package var operation: String = ""
    package var kind: String = ""
    package var namespace: String?
    package var name: String?
    package var dryRun = false
    /// Why nothing was checked (not a workload, exempt namespace, DELETE), if so.
    package var skipped: String?

    package var allowed: Bool { denials.isEmpty }

    /// The message of a denial: the object, then each violation with its container, field and fix.
    package var denialMessage: String {
        let object = [kind, [namespace, name].compactMap { $0 }.joined(separator: "/")].filter { !$0.isEmpty }.joined(separator: " ")
        let count = denials.count == 1 ? "1 violation" : "\(denials.count) violations"
        return "eksguard denied \(object): \(count):\n" + denials.map { "- " + $0.text }.joined(separator: "\n")
    }
}

/// Turns AdmissionReview bodies into decisions: parses the request, finds the pod template of a
/// Pod or pod controller and runs the configured catalog checks and Gatekeeper constraints on it.
/// Pure: no I/O, so dry-run requests and tests get exactly what a real request gets.
package struct AdmissionReviewer: Sendable {
    package struct ActiveCheck: Sendable {
        var descriptor: CheckDescriptor<Workload, KubernetesContext>
        var action: AdmissionAction
    }

    package struct ActiveConstraint: Sendable {
        var constraint: Constraint
        /// nil: the constraint's dryrun (record only).
        var action: AdmissionAction?
    }

    package let policy: WebhookPolicy
    package let checks: [ActiveCheck]
    package let constraints: [ActiveConstraint]
    let context: KubernetesContext
    let limits: YAMLLimits

    package init(policy: WebhookPolicy, constraints: [Constraint] = [], limits: YAMLLimits = YAMLLimits(maxDepth: 64, maxNodesPerDocument: 200_000)) {
        self.policy = policy
        self.limits = limits
        context = KubernetesContext(podSecurityLevel: policy.podSecurityLevel, podSecurityVersion: policy.podSecurityVersion)
        checks = KubernetesCatalog.active(level: policy.podSecurityLevel, version: policy.podSecurityVersion) {
            policy.action(for: $0) != .off
        }.map { ActiveCheck(descriptor: $0.descriptor, action: policy.action(for: $0.metadata)) }
        self.constraints = constraints.compactMap { constraint in
            let configured = policy.configuredAction(for: constraint.checkID)
            if configured == .off { return nil }
            if let configured { return ActiveConstraint(constraint: constraint, action: configured) }
            switch constraint.action {
            case .deny: return ActiveConstraint(constraint: constraint, action: .deny)
            case .warn: return ActiveConstraint(constraint: constraint, action: .warn)
            case .dryrun: return ActiveConstraint(constraint: constraint, action: nil)
            }
        }
    }

    /// The decision for one request body, or why the body is not an AdmissionReview.
    package func review(_ body: [UInt8]) throws(BadAdmissionRequest) -> AdmissionDecision {
        let documents = limits.parseDocuments(body, isJSON: true)
        guard documents.count == 1, let document = documents.first else {
            throw BadAdmissionRequest("the body must be one JSON AdmissionReview object")
        }
        let root: SourceNode
        switch document.result {
        case .failure(let error): throw BadAdmissionRequest("the body is not valid JSON: \(error)")
        case .success(let node): root = node
        }
        let review = Cursor(node: root, path: "", position: root.position)
        guard review["kind"].text == "AdmissionReview" else { throw BadAdmissionRequest("kind must be AdmissionReview") }
        let apiVersion = review["apiVersion"].text ?? ""
        guard apiVersion == "admission.k8s.io/v1" || apiVersion == "admission.k8s.io/v1beta1" else {
            throw BadAdmissionRequest("apiVersion must be admission.k8s.io/v1")
        }
        let request = review["request"]
        guard request.node?.entries != nil else { throw BadAdmissionRequest("request is missing") }
        guard let uid = request["uid"].text, !uid.isEmpty else { throw BadAdmissionRequest("request.uid is missing") }
        guard let operationText = request["operation"].text, let operation = PodReview.Operation(rawValue: operationText) else {
            throw BadAdmissionRequest("request.operation must be CREATE, UPDATE, DELETE or CONNECT")
        }
        var decision = AdmissionDecision(uid: uid, apiVersion: apiVersion)
        decision.operation = operationText
        decision.kind = request["kind"]["kind"].text ?? ""
        decision.namespace = request["namespace"].text
        decision.name = request["name"].text
        decision.dryRun = request["dryRun"].isBool(true)
        guard operation == .create || operation == .update else {
            decision.skipped = "\(operationText) requests are not checked"
            return decision
        }
        guard let objectNode = request["object"].node, objectNode.entries != nil else {
            throw BadAdmissionRequest("request.object is missing for \(operationText)")
        }
        guard let object = KubernetesObject.objects(in: objectNode, file: "request.object")?.objects.first,
              let workload = Workload(object)
        else {
            decision.skipped = "not a Pod or pod controller"
            return decision
        }
        decision.name = decision.name ?? object.name
        if policy.isExempt(namespace: decision.namespace ?? object.namespace) {
            decision.skipped = "namespace is exempt"
            return decision
        }
        evaluateChecks(workload, request: request, operation: operation, into: &decision)
        let podReview = PodReview(workload: workload, operation: operation, namespace: decision.namespace)
        for active in constraints {
            for violation in active.constraint.evaluate(podReview) ?? [] {
                let finding = AdmissionFinding(
                    rule: active.constraint.checkID, message: violation.message, container: violation.container,
                    field: violation.field, fix: active.constraint.rule.fix)
                switch active.action {
                case .deny: decision.denials.append(finding)
                case .warn: decision.warnings.append(finding)
                case .off, nil: decision.recorded.append(finding)
                }
            }
        }
        return decision
    }

    /// The catalog checks. On UPDATE they run only when the pod spec changed: like Pod Security
    /// Admission, a metadata-only update of an existing pod is never blocked.
    private func evaluateChecks(_ workload: Workload, request: Cursor, operation: PodReview.Operation, into decision: inout AdmissionDecision) {
        if operation == .update, let oldNode = request["oldObject"].node,
           let old = KubernetesObject.objects(in: oldNode, file: "request.oldObject")?.objects.first,
           let oldWorkload = Workload(old), SourceNode.sameContent(oldWorkload.spec.node, workload.spec.node) {
            return
        }
        for check in checks {
            for finding in check.descriptor.evaluate(workload, context) where finding.status == .fail || finding.status == .error {
                let item = AdmissionFinding(
                    rule: check.descriptor.metadata.id, message: finding.message, container: finding.resource.container,
                    field: finding.resource.field, fix: check.descriptor.metadata.remediation)
                // A field of the wrong type cannot be judged: fail closed where the check denies.
                if check.action == .deny { decision.denials.append(item) } else { decision.warnings.append(item) }
            }
        }
    }
}

extension SourceNode {
    /// Same values, ignoring where they were written.
    static func sameContent(_ a: SourceNode?, _ b: SourceNode?) -> Bool {
        switch (a?.value, b?.value) {
        case (nil, nil): return true
        case (.scalar(let x), .scalar(let y)): return x.text == y.text && x.isNull == y.isNull
        case (.sequence(let x), .sequence(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { sameContent($0, $1) }
        case (.mapping(let x), .mapping(let y)):
            guard x.count == y.count else { return false }
            return x.allSatisfy { entry in sameContent(entry.value, y.first { $0.key == entry.key }?.value) }
        default: return false
        }
    }
}
