/// Runs `body` over consecutive batches of `items` on the concurrency pool, a few batches in
/// flight at a time, and returns the batches' results in completion order (callers sort). Bounded
/// fan-out keeps memory flat on huge inputs while every core stays busy.
package func processInBatches<Item: Sendable, Output: Sendable>(
    _ items: [Item], batchSize: Int = 32, inFlight: Int = 4, _ body: @escaping @Sendable ([Item]) -> Output
) async -> [Output] {
    let batches = stride(from: 0, to: items.count, by: batchSize).map { Array(items[$0..<min($0 + batchSize, items.count)]) }
    var outputs: [Output] = []
    await withTaskGroup(of: Output.self) { group in
        var next = 0
        func addNext() {
            guard next < batches.count else { return }
            let batch = batches[next]
            next += 1
            group.addTask { body(batch) }
        }
        for _ in 0..<inFlight { addNext() }
        for await output in group {
            outputs.append(output)
            addNext()
        }
    }
    return outputs
}
