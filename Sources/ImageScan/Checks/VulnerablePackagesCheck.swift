import EKSGuardCore

/// EKS-IMG-005: OS packages of the image with known vulnerabilities, one result per (advisory, package).
struct VulnerablePackagesCheck: Check {
    static let metadata = CheckMetadata(
        id: "EKS-IMG-005", title: "Image has OS packages with known vulnerabilities", practice: .imageScanning, severity: .high,
        rationale: """
            Vulnerable packages in running images are the most common way into a container. The scan reads the \
            image's package databases and looks every package up in the local vulnerability database (OSV, ALAS), \
            using the distribution's own version ordering.
            """,
        remediation: "Rebuild the image on an updated base image or upgrade the named packages to the fixed version.",
        references: ["CIS-EKS-1.8.0:5.1.1", "kubescape:C-0221"],
        passing: [
            CheckExample(format: .json, input: #"{"image": "app:1", "os": "debian 12", "vulnerabilities": []}"#),
            CheckExample(format: .json, input: """
                {"image": "app:1", "os": "debian 12", "vulnerabilities": [
                  {"id": "CVE-2024-0001", "package": "libc6", "installed": "2.36-9+deb12u4", "severity": "low"}]}
                """, options: ["ignore-unfixed": "true"], note: "without a fix, --ignore-unfixed hides it"),
        ],
        failing: [
            CheckExample(format: .json, input: """
                {"image": "app:1", "os": "debian 12", "vulnerabilities": [
                  {"id": "CVE-2023-52425", "package": "libexpat1", "installed": "2.5.0-1", "fixed": "2.5.0-1+deb12u1", "severity": "high"}]}
                """, expect: ["libexpat1"]),
            CheckExample(format: .json, input: #"{"image": "app:1", "os": "fedora 40", "lookupProblem": "no vulnerability data for Fedora"}"#,
                         expectedStatus: .error, note: "an OS without data is an error, never a pass"),
        ])

    func evaluate(_ subject: ImageSubject, in context: ImageCheckContext) -> [Finding] {
        if let problem = subject.lookupProblem { return [.error(problem, at: subject.resource)] }
        return subject.matches.filter { !context.ignoreUnfixed || $0.fixedVersion != nil }.map { match in
            var resource = subject.resource
            resource.file = match.package.databasePath
            resource.field = match.package.name
            let fix = match.fixedVersion.map { "fixed in \($0)" } ?? "no fix available"
            let rating = match.severity == .unknown ? " (severity unknown)" : ""
            let ids = match.cve == match.vulnerabilityID ? match.cve : "\(match.cve) (\(match.vulnerabilityID))"
            var message = "\(ids) in \(match.package.name) \(match.installedVersion): \(fix)\(rating)"
            if match.package.layer >= 0, !subject.inventory.layers.isEmpty { message += ", layer \(match.package.layer + 1)" }
            return Finding.fail(message, at: resource, severity: match.severity.reportSeverity)
        }
    }
}
