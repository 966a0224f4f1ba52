import EKSGuardCore
import Foundation
import KubernetesAudit

/// The verdict on one case of a suite.
package struct CaseResult: Sendable, Equatable {
    package var suite: String
    package var test: String
    package var name: String
    package var passed: Bool
    /// Why it failed (or what was checked), for people.
    package var detail: String
    package var seconds: Double
}

/// Runs gator suites with eksguard's native constraint kinds. A template whose kind eksguard does
/// not implement makes each of its cases fail as unsupported: a suite never passes untested.
package struct SuiteRunner: Sendable {
    package var files: InputFiles
    package var limits: YAMLLimits

    package init(files: InputFiles = ManifestScan.inputFiles(), limits: YAMLLimits = .standard) {
        self.files = files
        self.limits = limits
    }

    /// The results of every case of a suite file; a suite that cannot be read is one failed result.
    package func run(_ path: String) -> [CaseResult] {
        let suite: GatorSuite
        do throws(ConstraintError) {
            let documents = try objects(path)
            guard let root = documents.first(where: { $0.kind == "Suite" })?.root else {
                throw ConstraintError("\(path): no Suite document")
            }
            suite = try GatorSuite(root, path: path)
        } catch {
            return [CaseResult(suite: path, test: "", name: "", passed: false, detail: error.message, seconds: 0)]
        }
        let folder = (path as NSString).deletingLastPathComponent
        return suite.tests.filter { !$0.skip }.flatMap { run($0, suite: path, folder: folder) }
    }

    private func run(_ test: GatorSuite.Test, suite: String, folder: String) -> [CaseResult] {
        let cases = test.cases.filter { !$0.skip }
        func all(failing detail: String) -> [CaseResult] {
            cases.map { CaseResult(suite: suite, test: test.name, name: $0.name, passed: false, detail: detail, seconds: 0) }
        }
        let constraint: Constraint
        do {
            constraint = try load(test, folder: folder)
        } catch {
            return all(failing: error.message)
        }
        return cases.map { item in
            let start = ContinuousClock.now
            let (passed, detail) = evaluate(item, constraint, folder: folder)
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return CaseResult(suite: suite, test: test.name, name: item.name, passed: passed, detail: detail, seconds: seconds)
        }
    }

    /// The test's constraint, after checking its template declares a kind eksguard implements.
    private func load(_ test: GatorSuite.Test, folder: String) throws(ConstraintError) -> Constraint {
        let templatePath = resolve(test.template, in: folder)
        guard let template = try objects(templatePath).first(where: { $0.kind == "ConstraintTemplate" }) else {
            throw ConstraintError("\(templatePath): no ConstraintTemplate")
        }
        guard let kind = template.root["spec"]["crd"]["spec"]["names"]["kind"].text else {
            throw ConstraintError("\(templatePath): spec.crd.spec.names.kind is missing")
        }
        guard ConstraintKinds.rule(for: kind) != nil else {
            throw ConstraintError("unsupported: template kind \(kind) is not implemented natively by eksguard")
        }
        let constraintPath = resolve(test.constraint, in: folder)
        let constraints = try objects(constraintPath).filter { $0.group == Constraint.group }
        guard constraints.count == 1, let object = constraints.first else {
            throw ConstraintError("\(constraintPath): expected one constraint, found \(constraints.count)")
        }
        guard object.kind == kind else {
            throw ConstraintError("\(constraintPath): constraint kind \(object.kind) does not match the template's \(kind)")
        }
        return try Constraint(object)
    }

    private func evaluate(_ item: GatorSuite.Case, _ constraint: Constraint, folder: String) -> (Bool, String) {
        guard let objectFile = item.object else { return (false, "case has no object") }
        let review: PodReview?
        do {
            review = try self.review(resolve(objectFile, in: folder))
        } catch {
            return (false, error.message)
        }
        let violations = review.flatMap(constraint.evaluate) ?? []
        var problems: [String] = []
        for assertion in item.assertions {
            if let problem = Self.check(assertion, violations) { problems.append(problem) }
        }
        let found = violations.isEmpty ? "no violations" : "violations: " + violations.map(\.message).joined(separator: " | ")
        return problems.isEmpty ? (true, found) : (false, problems.joined(separator: "; ") + " (\(found))")
    }

    /// The review a case object stands for: a plain object is a CREATE; an AdmissionReview gives
    /// the operation, and for DELETE its old object (what Gatekeeper reviews then). Nil: nothing to review.
    private func review(_ path: String) throws(ConstraintError) -> PodReview? {
        guard let object = try objects(path).first else { throw ConstraintError("\(path): no Kubernetes object") }
        guard object.kind == "AdmissionReview" else { return PodReview(object: object, operation: .create) }
        let request = object.root["request"]
        guard let operation = PodReview.Operation(rawValue: request["operation"].text ?? "CREATE") else {
            throw ConstraintError("\(path): request.operation must be CREATE, UPDATE, DELETE or CONNECT")
        }
        let reviewed = operation == .delete && !request["object"].exists ? request["oldObject"] : request["object"]
        guard let node = reviewed.node, let inner = KubernetesObject.objects(in: node, file: path)?.objects.first else {
            return nil
        }
        return PodReview(object: inner, operation: operation, namespace: request["namespace"].text)
    }

    /// Nil when the assertion holds, else what was wrong.
    static func check(_ assertion: GatorSuite.Assertion, _ violations: [Violation]) -> String? {
        var matching = violations
        if let pattern = assertion.message {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return "message \"\(pattern)\" is not a valid regular expression" }
            matching = violations.filter {
                regex.firstMatch(in: $0.message, range: NSRange($0.message.startIndex..., in: $0.message)) != nil
            }
        }
        let what = assertion.message.map { " matching \"\($0)\"" } ?? ""
        switch assertion.violations {
        case .some where matching.isEmpty: return "want violations\(what), got none"
        case .none where !matching.isEmpty: return "want no violations\(what), got \(matching.count)"
        case .exactly(let n) where matching.count != n: return "want \(n) violations\(what), got \(matching.count)"
        default: return nil
        }
    }

    private func resolve(_ path: String, in folder: String) -> String {
        path.hasPrefix("/") || folder.isEmpty ? path : folder + "/" + path
    }

    private func objects(_ path: String) throws(ConstraintError) -> [KubernetesObject] {
        switch files.read(path) {
        case .failure(let error):
            throw ConstraintError("\(path): \(error.reason)")
        case .success(let bytes):
            var problems: [String] = []
            let objects = ConstraintLoader.objects(bytes, name: path, limits: limits, problems: &problems)
            if let problem = problems.first { throw ConstraintError(problem) }
            return objects
        }
    }
}
