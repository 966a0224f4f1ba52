import EKSGuardCore

/// EKS-INPUT-001: every input file and document could be read. Its results come from the
/// loader, not from a workload: an unreadable document is `error` (never a silent skip) and a
/// document that is no Kubernetes object is `notApplicable`.
enum ManifestReadabilityCheck {
    static let metadata = CheckMetadata(
        id: "EKS-INPUT-001",
        title: "Manifest could not be read",
        practice: .podSecurity,
        severity: .high,
        rationale: """
            A file or document eksguard cannot read is a file nothing was checked in. It is reported as an \
            error (exit code 3) so a broken or hostile manifest never passes silently; the other files and \
            documents are still checked.
            """,
        remediation: "Fix the YAML or JSON at the reported line, or remove the file from the scanned paths.",
        references: [],
        passing: [
            .pod("""
                containers: [{name: app, image: "nginx:1.27"}]
                """),
        ],
        failing: [
            .yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web
                spec: {}
                """, status: .error, note: "An unclosed flow mapping: reported with its line and column."),
            .yaml("""
                base: &a [x, x, x, x, x, x, x, x, x, x]
                b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
                c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
                d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
                e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
                f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
                g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
                """, status: .error, note: "An alias bomb stops at the expansion limit."),
        ]
    )
}
