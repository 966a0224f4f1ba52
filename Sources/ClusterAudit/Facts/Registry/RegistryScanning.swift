import ClusterSnapshot
import EKSGuardCore

/// The registry's scanning configuration (`ecr:GetRegistryScanningConfiguration`): authoritative
/// over the legacy per-repository `scanOnPush` flag.
package struct RegistryScanning: Sendable {
    package enum ScanType: String, Sendable { case basic = "BASIC", enhanced = "ENHANCED" }

    package struct Rule: Sendable {
        package var frequency: String
        package var filters: [String]
    }

    package var scanType: ScanType
    package var rules: [Rule]

    package static let frequencies: Set<String> = ["SCAN_ON_PUSH", "CONTINUOUS_SCAN", "MANUAL"]

    /// The frequency the registry rules give a repository: the first rule whose wildcard filter
    /// matches (ECR applies continuous scanning over scan-on-push when both match).
    package func frequency(for repository: String) -> String {
        let matching = rules.filter { rule in rule.filters.contains { Glob($0).matches(repository) } }.map(\.frequency)
        return matching.contains("CONTINUOUS_SCAN") ? "CONTINUOUS_SCAN" : (matching.first ?? "MANUAL")
    }
}

extension AWSFacts {
    package var registryScanning: Fetched<RegistryScanning> {
        response("ecr", "GetRegistryScanningConfiguration").flatMap { answer in
            let raw = answer[path: "scanningConfiguration.scanType"]?.string ?? "(none)"
            guard let scanType = RegistryScanning.ScanType(rawValue: raw) else {
                return .failure(DataGap("scanningConfiguration.scanType has unknown value \(raw)"))
            }
            var rules: [RegistryScanning.Rule] = []
            for rule in answer[path: "scanningConfiguration.rules"]?.array ?? [] {
                let frequency = rule["scanFrequency"]?.string ?? "(none)"
                guard RegistryScanning.frequencies.contains(frequency) else {
                    return .failure(DataGap("a registry scanning rule has unknown scanFrequency \(frequency)"))
                }
                rules.append(.init(frequency: frequency, filters: rule["repositoryFilters"]?.array?.compactMap { $0["filter"]?.string } ?? []))
            }
            return .success(RegistryScanning(scanType: scanType, rules: rules))
        }
    }

    /// `BatchGetRepositoryScanningConfiguration → scanningConfigurations[]` by repository name.
    package var repositoryScanning: Fetched<[String: JSONValue]> {
        responses("ecr", "BatchGetRepositoryScanningConfiguration").map { answers in
            var byName: [String: JSONValue] = [:]
            for item in answers.flatMap({ $0.response["scanningConfigurations"]?.array ?? [] }) {
                if let name = item["repositoryName"]?.string { byName[name] = item }
            }
            return byName
        }
    }
}
