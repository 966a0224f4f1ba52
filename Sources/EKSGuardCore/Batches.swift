import Dispatch

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

/// `items.map(body)` with the calls spread over every core; the outputs keep the items' order.
/// For CPU-bound work on data already in memory (rendering slices of a report).
package func concurrentMap<Item: Sendable, Output: Sendable>(
    _ items: [Item], _ body: @escaping @Sendable (Item) -> Output
) -> [Output] {
    let slots = Slots<Output>(count: items.count)
    defer { slots.free() }
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        slots.set(index, body(items[index]))
    }
    return slots.values
}

/// One slot per iteration of a concurrent loop. Each iteration writes only its own slot and the
/// values are read after the loop has joined, so no two threads ever touch the same memory: that
/// is what makes the unchecked `Sendable` sound.
private struct Slots<Value>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    func set(_ index: Int, _ value: Value) { buffer[index] = value }

    var values: [Value] { buffer.map { $0! } }

    func free() {
        buffer.deinitialize()
        buffer.deallocate()
    }
}
