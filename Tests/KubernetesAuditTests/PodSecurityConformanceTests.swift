import EKSGuardCore
import Foundation
import Testing
@testable import KubernetesAudit

/// Pod Security Standards conformance: the fixture corpus under `Fixtures/pss` (see its
/// `generate.py`) run through the real `scan manifests` pipeline, and the level/version →
/// controls table, both checked against docs/pss-semantics.md (upstream pod-security-admission).
@Suite("PodSecurityConformance")
struct PodSecurityConformanceTests {

    // MARK: - Fixture corpus

    @Test("Fixture", arguments: PSSFixture.all)
    func fixture(_ fixture: PSSFixture) async throws {
        try await Self.verify(fixture, at: fixture.version)
    }

    /// `latest` and any version past the newest one behave like v1.37 upstream (maxVersion clamping).
    @Test("Fixture at a clamped version", arguments: PSSFixture.all.filter { $0.version == .v1(37) }, ["latest", "v1.99"])
    func clampedFixture(_ fixture: PSSFixture, version: String) async throws {
        try await Self.verify(fixture, at: try #require(PodSecurityVersion(version)))
    }

    @Test func corpusIsPresentAndWellNamed() throws {
        let fixtures = PSSFixture.all
        #expect(fixtures.count > 300, "fixture folder not found or nearly empty: \(fixtures.count) files")
        for level in ["baseline", "restricted"] {
            for minor in PSSFixture.versions {
                #expect(fixtures.contains { $0.relativePath == "\(level)/v1.\(minor)/pass/base.yaml" },
                        "missing \(level)/v1.\(minor)/pass/base.yaml")
            }
        }
        for fixture in fixtures where !fixture.shouldPass {
            #expect(fixture.controlID != nil, "\(fixture.relativePath): the file name names no known control")
            if let id = fixture.controlID {
                #expect(PSSExpectations.control(id)!.first <= fixture.version.minor,
                        "\(fixture.relativePath): \(id) does not apply at this version")
            }
        }
        for path in PSSFixture.knownIssues {
            #expect(fixtures.contains { $0.relativePath == path }, "known-issues.txt names a missing fixture: \(path)")
        }
    }

    static func verify(_ fixture: PSSFixture, at version: PodSecurityVersion) async throws {
        let body = {
            let outcome = try await ManifestScan.run(ManifestScanRequest(
                paths: [fixture.url.path],
                context: KubernetesContext(podSecurityLevel: fixture.level, podSecurityVersion: version),
                engine: EngineOptions(selection: Selection(select: ["PSS:*"]))))
            #expect(outcome.workloads == 1, "\(fixture.relativePath) should hold exactly one pod")
            let errors = outcome.results.filter { $0.status == .error }
            #expect(errors.isEmpty, "unexpected errors: \(Self.describe(errors))")
            let failures = outcome.results.filter { $0.status == .fail }
            if fixture.shouldPass {
                #expect(failures.isEmpty, "a pass fixture was rejected at \(fixture.level) \(version): \(Self.describe(failures))")
            } else {
                let reference = "PSS:" + PSSExpectations.upstreamReported(
                    fixture.controlID ?? "?", level: fixture.level, version: version)
                #expect(failures.contains { $0.references.contains(reference) },
                        "expected a fail result referencing \(reference) at \(fixture.level) \(version); got \(Self.describe(failures))")
            }
        }
        if PSSFixture.knownIssues.contains(fixture.relativePath) {
            await withKnownIssue("listed in Fixtures/pss/known-issues.txt") { try await body() }
        } else {
            try await body()
        }
    }

    static func describe(_ results: [CheckResult]) -> String {
        if results.isEmpty { return "none" }
        return results.map { result in
            let pss = result.references.filter { $0.hasPrefix("PSS:") }.joined(separator: ",")
            return "[\(result.status.rawValue) \(result.checkID) \(pss)] \(result.message)"
        }.joined(separator: "; ")
    }

    // MARK: - Version → controls table

    @Test("Active controls", arguments: PodSecurityLevel.allCases, Array(0...40))
    func activeControls(level: PodSecurityLevel, minor: Int) {
        let version = PodSecurityVersion.v1(minor)
        #expect(Self.activeIDs(level, version) == PSSExpectations.active(level: level, minor: minor),
                "\(level) \(version)")
        // With the selection the scan uses, too.
        let selection = Selection(select: ["PSS:*"])
        let selected = Set(KubernetesCatalog.active(level: level, version: version, selected: selection.includes).map(\.metadata.id))
        let pssChecks = Set(KubernetesCatalog.entries.filter { $0.podSecurity != nil }.map(\.metadata.id))
        #expect(selected.isSubset(of: pssChecks), "PSS:* selected a check that implements no PSS control")
        #expect(Set(KubernetesCatalog.active(level: level, version: version, selected: selection.includes)
            .compactMap(\.podSecurity?.id)) == PSSExpectations.active(level: level, minor: minor))
    }

    @Test("latest and future versions clamp to v1.37")
    func latestClamps() {
        #expect(KubernetesCatalog.newestPodSecurityVersion == .v1(PSSExpectations.newest))
        for level in PodSecurityLevel.allCases {
            let newest = Self.activeIDs(level, .v1(PSSExpectations.newest))
            #expect(Self.activeIDs(level, .latest) == newest, "\(level) latest")
            #expect(Self.activeIDs(level, .v1(99)) == newest, "\(level) v1.99")
            #expect(Self.activeIDs(level, .latest) == PSSExpectations.active(level: level, minor: .max))
        }
        for entry in KubernetesCatalog.entries {
            guard let control = entry.podSecurity else { continue }
            #expect(control.revision(at: .latest) == control.revision(at: .v1(PSSExpectations.newest)), "\(control.id)")
            #expect(control.revision(at: .v1(99)) == control.revision(at: .v1(PSSExpectations.newest)), "\(control.id)")
        }
    }

    @Test("Controls match the upstream registry")
    func controlsMatchUpstream() {
        let controls = KubernetesCatalog.entries.compactMap(\.podSecurity)
        #expect(Set(controls.map(\.id)) == Set(PSSExpectations.controls.map(\.id)))
        #expect(controls.count == Set(controls.map(\.id)).count, "a control is implemented twice")
        for expected in PSSExpectations.controls {
            guard let control = controls.first(where: { $0.id == expected.id }) else { continue }
            #expect(control.level == expected.level, "\(expected.id) level")
            #expect(control.revisions == expected.revisions.map(PodSecurityVersion.v1), "\(expected.id) revisions")
            #expect(control.replaces == expected.overrides, "\(expected.id) overrides")
        }
    }

    static func activeIDs(_ level: PodSecurityLevel, _ version: PodSecurityVersion) -> Set<String> {
        Set(KubernetesCatalog.active(level: level, version: version, selected: { _ in true }).compactMap(\.podSecurity?.id))
    }
}

/// docs/pss-semantics.md §2.4, §4 and §5, written out independently of the implementation.
enum PSSExpectations {
    struct Control: Sendable {
        let id: String
        let level: PodSecurityLevel
        let revisions: [Int]
        let overrides: [String]
        var first: Int { revisions[0] }
    }

    /// The largest MinimumVersion of any upstream check: what `latest` resolves to.
    static let newest = 37

    static let controls: [Control] = [
        Control(id: "appArmorProfile", level: .baseline, revisions: [0], overrides: []),
        Control(id: "capabilities_baseline", level: .baseline, revisions: [0], overrides: []),
        Control(id: "hostNamespaces", level: .baseline, revisions: [0], overrides: []),
        Control(id: "hostPathVolumes", level: .baseline, revisions: [0], overrides: []),
        Control(id: "hostPorts", level: .baseline, revisions: [0], overrides: []),
        Control(id: "hostProbesAndHostLifecycle", level: .baseline, revisions: [34], overrides: []),
        Control(id: "privileged", level: .baseline, revisions: [0], overrides: []),
        Control(id: "procMount", level: .baseline, revisions: [0, 35], overrides: []),
        Control(id: "seLinuxOptions", level: .baseline, revisions: [0, 31], overrides: []),
        Control(id: "seccompProfile_baseline", level: .baseline, revisions: [0, 19], overrides: []),
        Control(id: "sysctls", level: .baseline, revisions: [0, 27, 29, 32, 37], overrides: []),
        Control(id: "windowsHostProcess", level: .baseline, revisions: [0], overrides: []),
        Control(id: "allowPrivilegeEscalation", level: .restricted, revisions: [8, 25], overrides: []),
        Control(id: "capabilities_restricted", level: .restricted, revisions: [22, 25], overrides: ["capabilities_baseline"]),
        Control(id: "procMount_restricted", level: .restricted, revisions: [35], overrides: ["procMount"]),
        Control(id: "restrictedVolumes", level: .restricted, revisions: [0], overrides: ["hostPathVolumes"]),
        Control(id: "runAsNonRoot", level: .restricted, revisions: [0, 35], overrides: []),
        Control(id: "runAsUser", level: .restricted, revisions: [23, 35], overrides: []),
        Control(id: "seccompProfile_restricted", level: .restricted, revisions: [19, 25], overrides: ["seccompProfile_baseline"]),
    ]

    static func control(_ id: String) -> Control? { controls.first { $0.id == id } }

    /// The control IDs upstream evaluates at a level and minor version (`.max` for latest).
    static func active(level: PodSecurityLevel, minor: Int) -> Set<String> {
        let minor = min(minor, newest)
        let baseline = controls.filter { $0.level == .baseline && $0.first <= minor }.map(\.id)
        switch level {
        case .privileged:
            return []
        case .baseline:
            return Set(baseline)
        case .restricted:
            // Every upstream override is declared on the restricted check's first revision.
            let restricted = controls.filter { $0.level == .restricted && $0.first <= minor }
            let overridden = Set(restricted.flatMap(\.overrides))
            return Set(restricted.map(\.id)).union(baseline.filter { !overridden.contains($0) })
        }
    }

    /// The control upstream names for a pod a fixture named after `id` violates: a baseline
    /// control replaced at this restricted version is reported by the control replacing it.
    static func upstreamReported(_ id: String, level: PodSecurityLevel, version: PodSecurityVersion) -> String {
        guard level == .restricted else { return id }
        let minor = min(version.minor, newest)
        return controls.first { $0.level == .restricted && $0.overrides.contains(id) && $0.first <= minor }?.id ?? id
    }
}

/// One file of `Fixtures/pss/<level>/v1.<N>/{pass,fail}/<id><index>.yaml`.
struct PSSFixture: Sendable, CustomTestStringConvertible {
    static let versions = [0, 8, 18, 19, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37]

    let relativePath: String
    let url: URL
    let level: PodSecurityLevel
    let version: PodSecurityVersion
    let shouldPass: Bool
    /// The control a fail fixture targets: its file name without the index, matched case-insensitively.
    let controlID: String?

    var testDescription: String { String(relativePath.dropLast(".yaml".count)) }

    static var root: URL? {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent("pss")
    }

    static let all: [PSSFixture] = {
        guard let root, let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            return []
        }
        var fixtures: [PSSFixture] = []
        for case let url as URL in enumerator where url.pathExtension == "yaml" {
            let parts = Array(url.standardizedFileURL.pathComponents.suffix(4))
            guard parts.count == 4, let level = PodSecurityLevel(rawValue: parts[0]), level != .privileged,
                  let version = PodSecurityVersion(parts[1]), parts[2] == "pass" || parts[2] == "fail"
            else { continue }
            let stem = parts[3].dropLast(".yaml".count)
            var name = Substring(stem)
            while let last = name.last, last.isNumber { name.removeLast() }
            let id = PSSExpectations.controls.first { $0.id.lowercased() == name.lowercased() }?.id
            fixtures.append(PSSFixture(
                relativePath: parts.joined(separator: "/"), url: url, level: level, version: version,
                shouldPass: parts[2] == "pass", controlID: id))
        }
        return fixtures.sorted { $0.relativePath < $1.relativePath }
    }()

    /// Relative paths of fixtures that expose a known implementation bug (`#` starts a comment).
    static let knownIssues: Set<String> = {
        guard let url = root?.appendingPathComponent("known-issues.txt"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        return Set(text.split(whereSeparator: \.isNewline).compactMap { line in
            let entry = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingCharacters(in: .whitespaces)
            return entry.isEmpty ? nil : entry
        })
    }()
}
