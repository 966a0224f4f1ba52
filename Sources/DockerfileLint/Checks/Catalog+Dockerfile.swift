import EKSGuardCore

/// Every Dockerfile check. The lists live in one file per group (`Catalog+Hadolint3000.swift`, …)
/// so rules can be added in parallel without touching each other's registrations.
package enum DockerfileCatalog {
    package struct Entry: Sendable {
        package let descriptor: CheckDescriptor<DockerfileSubject, DockerfileContext>
        package let enabledByDefault: Bool

        init<C: DockerfileCheck>(_ check: C) {
            descriptor = CheckDescriptor(check)
            enabledByDefault = C.enabledByDefault
        }

        package var metadata: CheckMetadata { descriptor.metadata }

        /// The hadolint code this check is equivalent to (`DL3008`), from its `hadolint:` reference.
        package var hadolintCode: String? {
            metadata.references.first { $0.hasPrefix("hadolint:") }.map { String($0.dropFirst("hadolint:".count)) }
        }
    }

    package static let entries: [Entry] = (hadolint1000 + hadolint3000 + hadolint3030 + hadolint3050 + hadolint4000 + security)
        .sorted { $0.metadata.id < $1.metadata.id }

    package static var metadata: [CheckMetadata] { entries.map(\.metadata) + [inputCheck] }

    /// The checks that run: selected, not disabled, and on by default unless asked for by ID,
    /// reference or a `.hadolint.yaml` override.
    package static func active(selection: Selection, configuration: Configuration, hadolint: HadolintConfig) -> [Entry] {
        entries.filter { entry in
            let code = entry.hadolintCode
            if let code, hadolint.ignored.contains(code) || hadolint.overrides[code] == "ignore" { return false }
            guard selection.includes(entry.metadata), !configuration.isDisabled(entry.metadata) else { return false }
            if entry.enabledByDefault { return true }
            let named = selection.select.contains { $0.isLiteral && ($0.matches(entry.metadata.id) || entry.metadata.references.contains(where: $0.matches)) }
            return named || (code.map { hadolint.overrides[$0] != nil } ?? false)
        }
    }

    package static let inputCheck = CheckMetadata(
        id: "EKS-DKR-000",
        title: "Dockerfile could not be read",
        practice: .dockerfileLint,
        severity: .high,
        rationale: """
            A Dockerfile eksguard cannot parse is a Dockerfile nothing was checked in (hadolint reports \
            DL1000). It is an error result with the line and reason; the other files are still checked.
            """,
        remediation: "Fix the syntax at the reported line (docker build would reject it too).",
        references: ["hadolint:DL1000"],
        passing: [.dockerfile("FROM alpine:3.20\nRUN echo ok\n")],
        failing: [.dockerfile("FROM alpine:3.20\nFRUM x\n", lines: [2])]
    )
}
