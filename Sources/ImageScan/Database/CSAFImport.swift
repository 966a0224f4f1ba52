import Foundation

/// CSAF 2.0 advisories and VEX files (Red Hat's RHSA and per-CVE files, SUSE's SUSE-SU and per-CVE
/// files) turned into one OSV-shaped record per document, id = `document.tracking.id`, so a CSAF RHSA
/// and OSV's record of the same RHSA replace each other instead of doubling.
///
/// A vulnerable package is a relationship product (`default_component_of`) pairing an rpm with a
/// platform whose CPE (Red Hat) or name (SUSE) gives the ecosystem; RHEL module packages are a second
/// relationship deep (rpm → `module:stream:version:context` → platform) and are stored as
/// `module:stream::name`. `fixed`/`first_fixed` give `introduced 0, fixed EVR`; `known_affected`
/// without a version (a component with no fix yet) gives `introduced 0`; with a version, that version;
/// `last_affected` gives `introduced 0, last_affected EVR`. `known_not_affected` and
/// `under_investigation` add nothing.
enum CSAFImport {
    /// An rpm named by a CSAF product: binary or source name, EVR when the product has one.
    struct Package: Equatable {
        var name: String
        var evr: String?
        var arch: String?
        var module: String?

        /// The name the matcher looks up: modular packages are qualified by their stream.
        var key: String { module.map { "\($0)::\(name)" } ?? name }
    }

    static let architectures: Set<String> = [
        "x86_64", "aarch64", "ppc64le", "s390x", "noarch", "src", "nosrc", "i686", "i586", "i386", "ppc64", "ppc", "s390",
        "armv7hl", "ia64", "x86_64_v2",
    ]

    /// Whether a JSON document looks like CSAF (it mentions `csaf_version`, which `document` must
    /// carry); a cheap test before the full decode, since OSV records are far more numerous.
    static func looksLikeCSAF(_ data: [UInt8]) -> Bool {
        data.firstRange(of: Array(#""csaf_version""#.utf8)) != nil
    }

    static func record(_ data: [UInt8], name: String) throws -> OSVRecord {
        let csaf: CSAFDocument
        do {
            csaf = try JSONDecoder().decode(CSAFDocument.self, from: Data(data))
        } catch {
            throw ImageScanError.malformed(path: name, reason: "not a CSAF 2.0 document: \(error)")
        }
        guard csaf.document.csaf_version.hasPrefix("2.") else {
            throw ImageScanError.malformed(path: name, reason: "CSAF version \(csaf.document.csaf_version) is not 2.x")
        }
        return Converter(csaf).record()
    }

    /// `pkg:rpm/redhat/nodejs@18.19.0-1.module%2Bel9.4.0?arch=x86_64&epoch=1&rpmmod=nodejs:18:…` →
    /// nodejs, `1:18.19.0-1.module+el9.4.0`, x86_64, `nodejs:18`. Nil for other purl types.
    static func package(purl: String) -> Package? {
        guard purl.hasPrefix("pkg:rpm/") else { return nil }
        var rest = Substring(purl.dropFirst("pkg:rpm/".count))
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var qualifiers: [Substring: String] = [:]
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { qualifiers[parts[0]] = String(parts[1]).removingPercentEncoding ?? String(parts[1]) }
            }
            rest = rest[..<question]
        }
        var version: String?
        if let at = rest.lastIndex(of: "@") {
            version = String(rest[rest.index(after: at)...]).removingPercentEncoding
            rest = rest[..<at]
        }
        guard let last = rest.split(separator: "/").last, let name = String(last).removingPercentEncoding, !name.isEmpty else { return nil }
        let epoch = qualifiers["epoch"].flatMap(Int.init)
        let evr = version.map { normalized(epoch: epoch, versionRelease: $0) }
        return Package(name: name, evr: evr, arch: qualifiers["arch"], module: qualifiers["rpmmod"].flatMap(RpmHeader.moduleStream))
    }

    /// `zlib-0:1.2.11-40.el9.x86_64` (Red Hat, epoch always written) or `libopenssl1_1-1.1.1l-150500.17.25.1.x86_64`
    /// (SUSE, no epoch). Without an architecture suffix the text is a bare package name (`curl`, a component
    /// with no fix yet), since names themselves contain hyphens; `nodejs:18/nodejs` is one in a module stream.
    static func package(nevra text: String) -> Package? {
        // Red Hat names an unfixed module component `module:stream/name` (`nodejs:18/nodejs`).
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0].split(separator: ":").count == 2, let module = RpmHeader.moduleStream(String(parts[0])),
           var package = package(nevra: String(parts[1])) {
            package.module = module
            return package
        }
        guard !text.isEmpty, !text.contains(" "), !text.contains("/") else { return nil }
        guard let dot = text.lastIndex(of: "."), architectures.contains(String(text[text.index(after: dot)...])) else {
            return text.contains(":") ? nil : Package(name: text)
        }
        let nevr = text[..<dot]
        guard let releaseDash = nevr.lastIndex(of: "-"), let versionDash = nevr[..<releaseDash].lastIndex(of: "-") else { return nil }
        let name = String(nevr[..<versionDash])
        let versionRelease = String(nevr[nevr.index(after: versionDash)...])
        guard !name.isEmpty else { return nil }
        return Package(name: name, evr: normalized(epoch: nil, versionRelease: versionRelease), arch: String(text[text.index(after: dot)...]))
    }

    /// Epoch 0 is left out, as the rpm database reader writes installed versions; a purl's epoch
    /// qualifier goes in front.
    static func normalized(epoch: Int?, versionRelease: String) -> String {
        var text = Substring(versionRelease)
        var written = epoch
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, text.dropFirst(digits.count).first == ":" {
            written = written ?? Int(digits)
            text = text.dropFirst(digits.count + 1)
        }
        guard let written, written != 0 else { return String(text) }
        return "\(written):\(text)"
    }

    /// One document's products and statuses, folded into affected entries.
    private struct Converter {
        let csaf: CSAFDocument
        var products: [String: CSAFDocument.Product] = [:]
        var relationships: [String: CSAFDocument.Relationship] = [:]
        let suse: Bool

        init(_ csaf: CSAFDocument) {
            self.csaf = csaf
            var products: [String: CSAFDocument.Product] = [:]
            var pending = csaf.product_tree?.branches ?? []
            var vendorNames: [String] = []
            while let branch = pending.popLast() {
                if branch.category == "vendor", let name = branch.name { vendorNames.append(name) }
                if let product = branch.product { products[product.product_id] = product }
                pending += branch.branches ?? []
            }
            for product in csaf.product_tree?.full_product_names ?? [] { products[product.product_id] = product }
            var relationships: [String: CSAFDocument.Relationship] = [:]
            for relation in csaf.product_tree?.relationships ?? [] where relation.category == "default_component_of" {
                relationships[relation.full_product_name.product_id] = relation
            }
            self.products = products
            self.relationships = relationships
            let namespace = csaf.document.publisher?.namespace?.lowercased() ?? ""
            suse = namespace.contains("suse.com") || vendorNames.contains { $0.lowercased().contains("suse") }
        }

        func platformEcosystem(_ id: String) -> String? {
            guard let product = products[id] else { return nil }
            if let cpe = product.product_identification_helper?.cpe, let ecosystem = RedHatStreams.ecosystem(cpe: cpe) { return ecosystem }
            return suse ? SUSEProducts.ecosystem(productName: product.name ?? id) : nil
        }

        func package(_ id: String) -> Package? {
            let product = products[id]
            if let purl = product?.product_identification_helper?.purl, let package = CSAFImport.package(purl: purl) { return package }
            return CSAFImport.package(nevra: id) ?? product?.name.flatMap(CSAFImport.package(nevra:))
        }

        func moduleStream(_ id: String) -> String? {
            if let purl = products[id]?.product_identification_helper?.purl, purl.hasPrefix("pkg:rpmmod/") {
                let nameVersion = purl.dropFirst("pkg:rpmmod/".count).split(separator: "?").first.map(String.init) ?? ""
                let parts = (nameVersion.split(separator: "/").last.map(String.init) ?? "").split(separator: "@", maxSplits: 1)
                if parts.count == 2 { return RpmHeader.moduleStream("\(parts[0]):\(parts[1])") }
            }
            return RpmHeader.moduleStream(id)
        }

        /// The platform and the rpm of a relationship product, following a module relationship in between.
        func resolve(_ id: String) -> (ecosystem: String, package: Package)? {
            guard let relation = relationships[id], var rpm = package(relation.product_reference) else { return nil }
            var platform = relation.relates_to_product_reference
            var depth = 0
            while platformEcosystem(platform) == nil, let outer = relationships[platform], depth < 4 {
                if rpm.module == nil { rpm.module = moduleStream(outer.product_reference) }
                platform = outer.relates_to_product_reference
                depth += 1
            }
            guard let ecosystem = platformEcosystem(platform) else { return nil }
            return (ecosystem, rpm)
        }

        struct Entry {
            var fixed: String?
            var unfixed = false
            var lastAffected: String?
            var versions = Set<String>()
            var rating: Rating?
            var cves: [String] = []
        }

        struct Rating {
            var level: VulnerabilitySeverity
            var score: Double
            var severity: OSVRecord.Severity

            func outranks(_ other: Rating?) -> Bool {
                guard let other else { return true }
                return (level, score) > (other.level, other.score)
            }
        }

        /// CVSS v3 vectors first (scored by us, the highest wins), then the impact threat (Red Hat's
        /// and SUSE's own rating), then the document's aggregate severity.
        func rating(_ vulnerability: CSAFDocument.Vulnerability) -> Rating? {
            var best: Rating?
            for vector in (vulnerability.scores ?? []).compactMap(\.cvss_v3?.vectorString) {
                guard let scored = try? CVSS3.score(vector) else { continue }
                let candidate = Rating(level: scored.severity, score: scored.score, severity: .init(type: "CVSS_V3", score: vector))
                if candidate.outranks(best) { best = candidate }
            }
            if best != nil { return best }
            let labels = (vulnerability.threats ?? []).filter { $0.category == "impact" }.map(\.details) + [csaf.document.aggregate_severity?.text].compactMap { $0 }
            for label in labels where VulnerabilitySeverity(label: label) != .unknown {
                return Rating(level: VulnerabilitySeverity(label: label), score: 0, severity: .init(type: OSVRecord.vendorRating, score: label))
            }
            return nil
        }

        func record() -> OSVRecord {
            var entries: [[String]: Entry] = [:]
            var recordRating: Rating?
            for vulnerability in csaf.vulnerabilities ?? [] {
                let vulnerabilityRating = rating(vulnerability)
                if vulnerabilityRating?.outranks(recordRating) == true { recordRating = vulnerabilityRating }
                let status = vulnerability.product_status
                func visit(_ ids: [String]?, _ apply: (inout Entry, Package) -> Void) {
                    for id in ids ?? [] {
                        guard let resolved = resolve(id) else { continue }
                        let key = [resolved.ecosystem, resolved.package.key]
                        var entry = entries[key] ?? Entry()
                        apply(&entry, resolved.package)
                        if vulnerabilityRating?.outranks(entry.rating) == true { entry.rating = vulnerabilityRating }
                        if let cve = vulnerability.cve, !entry.cves.contains(cve) { entry.cves.append(cve) }
                        entries[key] = entry
                    }
                }
                // Architectures of one build share the EVR; if they ever differ, the highest fix is kept so no
                // architecture is reported fixed while it is not.
                visit((status?.fixed ?? []) + (status?.first_fixed ?? [])) { entry, package in
                    guard let evr = package.evr else { return }
                    if entry.fixed.map({ RpmVersion($0).compare(to: RpmVersion(evr)) < 0 }) ?? true { entry.fixed = evr }
                }
                visit(status?.known_affected) { entry, package in
                    if let evr = package.evr { entry.versions.insert(evr) } else { entry.unfixed = true }
                }
                visit(status?.last_affected) { entry, package in
                    guard let evr = package.evr else { return }
                    if entry.lastAffected.map({ RpmVersion($0).compare(to: RpmVersion(evr)) < 0 }) ?? true { entry.lastAffected = evr }
                }
            }
            let cves = (csaf.vulnerabilities ?? []).compactMap(\.cve)
            var seen = Set<String>()
            var record = OSVRecord(id: csaf.document.tracking.id)
            record.aliases = cves.filter { $0 != record.id && seen.insert($0).inserted }
            record.summary = csaf.document.title
            record.published = csaf.document.tracking.initial_release_date
            record.modified = csaf.document.tracking.current_release_date
            record.severity = recordRating.map { [$0.severity] }
            record.affected = entries.sorted { $0.key.lexicographicallyPrecedes($1.key) }.compactMap { key, entry in
                var ranges: [OSVRecord.Affected.Range] = []
                if entry.unfixed {
                    ranges.append(.init(type: "ECOSYSTEM", events: [.introduced("0")]))
                } else {
                    if let fixed = entry.fixed { ranges.append(.init(type: "ECOSYSTEM", events: [.introduced("0"), .fixed(fixed)])) }
                    if let last = entry.lastAffected { ranges.append(.init(type: "ECOSYSTEM", events: [.introduced("0"), .lastAffected(last)])) }
                }
                let versions = entry.unfixed ? [] : entry.versions.sorted()
                guard !ranges.isEmpty || !versions.isEmpty else { return nil }
                var affected = OSVRecord.Affected(package: .init(ecosystem: key[0], name: key[1]), ranges: ranges,
                                                  versions: versions.isEmpty ? nil : versions)
                if let rating = entry.rating, rating.level != recordRating?.level { affected.severity = [rating.severity] }
                if !entry.cves.isEmpty, entry.cves != record.aliases, entry.cves != [record.id] { affected.aliases = entry.cves }
                return affected
            }
            return record
        }
    }
}
