import Foundation

/// Where a long bulk run is, for a progress line: checking (bytes of the input read) or appending
/// (events written), with the totals known so far.
public struct BulkProgress: Sendable {
    public enum Phase: String, Sendable {
        case checking, appending
    }

    public var phase: Phase
    /// Bytes checked (checking) or events written (appending).
    public var done: Int
    public var total: Int
    /// Lines read so far.
    public var lines: Int
}

/// Runs `body` over `count` items on up to `workers` threads, keeping order. Each worker gets its
/// own `scratch` value, reused from item to item.
enum ParallelMap {
    static func map<T, Scratch>(
        count: Int, workers: Int, scratch: @escaping () -> Scratch,
        _ body: (Int, inout Scratch) -> T
    ) -> [T] {
        let workers = max(1, min(workers, count / 64))
        guard workers > 1 else {
            var local = scratch()
            return (0..<count).map { body($0, &local) }
        }
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        nonisolated(unsafe) let output = slots
        nonisolated(unsafe) let scratch = scratch
        let share = (count + workers - 1) / workers
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var local = scratch()
                for index in (worker * share)..<min(count, (worker + 1) * share) { output[index] = body(index, &local) }
            }
        }
        return slots.map { $0! }
    }
}
