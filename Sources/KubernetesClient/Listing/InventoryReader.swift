import EKSGuardCore
import KubernetesAudit

/// Reads every audited kind from an API server into an inventory: a kind that cannot be listed is
/// a gap (its checks report `error`), an optional (CRD) kind the server does not serve has no
/// objects.
package struct InventoryReader: Sendable {
    package var kinds: [AuditedKind]
    package var pageSize: Int
    package var concurrency: Int
    package var maxPagesPerKind: Int
    package var limits: YAMLLimits

    package init(
        kinds: [AuditedKind] = AuditedKind.all, pageSize: Int = 500, concurrency: Int = 4, maxPagesPerKind: Int = 2000,
        limits: YAMLLimits = .standard
    ) {
        self.kinds = kinds
        self.pageSize = pageSize
        self.concurrency = concurrency
        self.maxPagesPerKind = maxPagesPerKind
        self.limits = limits
    }

    package func read(from api: KubernetesAPI) async -> KubernetesInventory {
        let origin = KubernetesInventory.Origin.live(server: api.connection.server, context: api.connection.context)
        guard let first = kinds.first else { return KubernetesInventory(origin: origin, objects: []) }
        // One kind first: if the server cannot be reached or refuses the credentials, every kind
        // gets that reason at once instead of one timeout each.
        let opening = await listing(first).list(from: api)
        if case .unreachable(let gap) = opening {
            return KubernetesInventory(origin: origin, objects: [], gaps: Dictionary(uniqueKeysWithValues: kinds.map { ($0.kind, gap) }))
        }
        var outcomes: [Int: KindListing.Outcome] = [0: opening]
        await withTaskGroup(of: (Int, KindListing.Outcome).self) { group in
            var next = 1
            func schedule() {
                guard next < kinds.count else { return }
                let index = next, listing = listing(kinds[index])
                group.addTask { (index, await listing.list(from: api)) }
                next += 1
            }
            for _ in 0..<max(1, concurrency) { schedule() }
            for await (index, outcome) in group {
                outcomes[index] = outcome
                schedule()
            }
        }
        var objects: [KubernetesObject] = []
        var gaps: [KubernetesInventory.Kind: DataGap] = [:]
        for index in kinds.indices {
            switch outcomes[index] {
            case .objects(let found)?: objects += found
            case .gap(let gap)?, .unreachable(let gap)?: gaps[kinds[index].kind] = gap
            case nil: gaps[kinds[index].kind] = DataGap("\(kinds[index].resource) was not listed")
            }
        }
        return KubernetesInventory(origin: origin, objects: objects, gaps: gaps)
    }

    private func listing(_ kind: AuditedKind) -> KindListing {
        KindListing(kind: kind, pageSize: pageSize, maxPages: maxPagesPerKind, limits: limits)
    }
}
