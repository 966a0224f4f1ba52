import Foundation
import Yams

/// The benchmark definitions compiled into the binary. They are YAML kept in Swift string
/// literals rather than bundle resources, so a copied `eksguard` binary carries them.
package enum BenchmarkData {
    /// One version's YAML: a full list of groups, or a `base` version plus items that differ.
    private struct Definition: Decodable {
        var version: String
        var name: String
        var section: Benchmark.Section
        var base: String?
        var groups: [Benchmark.Group]?
        var overrides: [Benchmark.Item]?
    }

    /// Every version eksguard knows, oldest first.
    package static let benchmarks: [Benchmark] = {
        var loaded: [String: Benchmark] = [:]
        for yaml in [eks170, eks120, eks150, eks180] {
            // The definitions are part of the program: a broken one is a bug the tests catch.
            let definition = try! YAMLDecoder().decode(Definition.self, from: yaml)
            var groups = definition.groups ?? definition.base.flatMap { loaded[$0]?.groups } ?? []
            for item in definition.overrides ?? [] {
                for g in groups.indices {
                    for i in groups[g].checks.indices where groups[g].checks[i].id == item.id { groups[g].checks[i] = item }
                }
            }
            loaded[definition.version] = Benchmark(
                version: definition.version, name: definition.name, section: definition.section, groups: groups)
        }
        return loaded.values.sorted { $0.version.compare($1.version, options: .numeric) == .orderedAscending }
    }()

    package static let controlsByID: [String: Control] = {
        let list = try! YAMLDecoder().decode([Control].self, from: controls)
        return Dictionary(uniqueKeysWithValues: list.map { ($0.id, $0) })
    }()

    package static func benchmark(_ version: String) -> Benchmark? {
        benchmarks.first { $0.version == version }
    }

    package static var versions: [String] { benchmarks.map(\.version) }
}
