import Chronology
import EventStore
import Foundation

/// A small, fast, seeded generator so that every run (and both sides of a comparison) sees the same data.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One append: a stream and a slice of the workload's events.
struct BatchPlan {
    let stream: String
    let range: Range<Int>
}

/// Lowercase canonical text of a UUID, without Foundation's formatter.
func uuidText(_ id: UUID) -> [UInt8] {
    let hex = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(36)
    withUnsafeBytes(of: id.uuid) { bytes in
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(45) }
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
    }
    return out
}

/// Everything both sides insert, computed before any clock starts.
///
/// `count` events of ~200-byte JSON payloads over `streams` streams (`season:bench:<i>`) in batches of
/// `batchSize`, plus `hotEvents` events of `season:bench:hot` in small batches spread evenly across the run.
/// The total number of events is `count` (the hot ones included).
struct Workload {
    /// The generated workload draws from the first five; `Note` is the command-line case's type.
    static let types = ["SessionClassified", "LapTimed", "PenaltyApplied", "EntryListed", "ResultAmended", "Note"]
    static let hotStream = "season:bench:hot"

    let count: Int
    let ids: [UUID]
    let types: [UInt8]  // index into `Workload.types`
    let occurredAt: [String]
    let occurredMillis: [Int64]
    let payloads: [String]
    let batches: [BatchPlan]
    /// Each event's stream version (1-based within its stream), as the store will number it.
    let streamVersions: [Int32]
    let streamOfBatch: [String]

    init(count: Int, streams: Int, batchSize: Int, hotEvents: Int, hotBatchSize: Int, seed: UInt64 = 2018) {
        self.count = count
        var rng = SplitMix64(seed: seed)
        let championships = ["euro-rx", "world-rx", "f1", "wec", "btcc", "dtm", "indycar", "super-formula"]
        let sessions = ["fp1", "fp2", "q1", "q2", "heat-1", "heat-2", "heat-3", "semi-1", "semi-2", "final", "race"]
        let statuses = ["classified", "classified", "classified", "dnf", "dns", "dsq"]
        var ids = [UUID]()
        var types = [UInt8]()
        var occurredAt = [String]()
        var occurredMillis = [Int64]()
        var payloads = [String]()
        ids.reserveCapacity(count)
        types.reserveCapacity(count)
        occurredAt.reserveCapacity(count)
        occurredMillis.reserveCapacity(count)
        payloads.reserveCapacity(count)
        for i in 0..<count {
            ids.append(UUID.timeOrdered())
            types.append(UInt8(Int(rng.next() % 5)))
            let season = 2010 + Int(rng.next() % 16)
            let month = 1 + Int(rng.next() % 12)
            let day = 1 + Int(rng.next() % 28)
            let hour = Int(rng.next() % 24), minute = Int(rng.next() % 60), second = Int(rng.next() % 60)
            let offset = Int(rng.next() % 5)  // +00:00 ... +04:00
            let text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d+%02d:00", season, month, day, hour, minute, second, offset)
            occurredAt.append(text)
            occurredMillis.append(try! OccurredAt.utcMilliseconds(text))
            let championship = championships[Int(rng.next() % UInt64(championships.count))]
            let session = sessions[Int(rng.next() % UInt64(sessions.count))]
            let status = statuses[Int(rng.next() % UInt64(statuses.count))]
            let round = 1 + Int(rng.next() % 14)
            let competitor = Int(rng.next() % 400)
            let position = 1 + Int(rng.next() % 40)
            let time = String(format: "%d:%02d.%03d", 1 + Int(rng.next() % 5), Int(rng.next() % 60), Int(rng.next() % 1000))
            let laps = 3 + Int(rng.next() % 70)
            let gap = String(format: "+%d.%03d", Int(rng.next() % 90), Int(rng.next() % 1000))
            payloads.append(
                #"{"championship":"\#(championship)","season":\#(season),"round":\#(round),"session":"\#(session)","#
                    + ##""competitor":"driver-\##(competitor)","car":"#\##(competitor % 99 + 1)","position":\##(position),"##
                    + #""laps":\#(laps),"time":"\#(time)","gap":"\#(gap)","status":"\#(status)","seq":\#(i)}"#)
        }
        self.ids = ids
        self.types = types
        self.occurredAt = occurredAt
        self.occurredMillis = occurredMillis
        self.payloads = payloads

        // The batch plan: regular batches round-robin over the streams, hot batches spread evenly.
        let hot = min(hotEvents, count / 2)
        let regular = count - hot
        let regularBatches = (regular + batchSize - 1) / batchSize
        let hotBatches = hot == 0 ? 0 : (hot + hotBatchSize - 1) / hotBatchSize
        var plan = [BatchPlan]()
        var next = 0
        var hotDone = 0
        var regularDone = 0
        var streamOfBatch = [String]()
        for b in 0..<regularBatches {
            let size = min(batchSize, regular - regularDone)
            let stream = "season:bench:\(b % streams)"
            plan.append(BatchPlan(stream: stream, range: next..<(next + size)))
            next += size
            regularDone += size
            // Interleave hot batches so that, after b+1 regular batches, the hot share is proportional.
            let hotTarget = hotBatches * (b + 1) / regularBatches
            while plan.count - (b + 1) < hotTarget, hotDone < hot {
                let size = min(hotBatchSize, hot - hotDone)
                plan.append(BatchPlan(stream: Self.hotStream, range: next..<(next + size)))
                next += size
                hotDone += size
            }
        }
        precondition(next == count, "batch plan covers \(next) of \(count) events")
        batches = plan
        var versions = [Int32](repeating: 0, count: count)
        var current: [String: Int32] = [:]
        for batch in plan {
            streamOfBatch.append(batch.stream)
            var v = current[batch.stream, default: 0]
            for i in batch.range {
                v += 1
                versions[i] = v
            }
            current[batch.stream] = v
        }
        streamVersions = versions
        self.streamOfBatch = streamOfBatch
    }

    /// Paddock's input, one array per batch.
    func newEventBatches() -> [[NewEvent]] {
        batches.map { batch in
            batch.range.map { i in
                NewEvent(
                    eventId: ids[i], type: Self.types[Int(types[i])], schemaVersion: 1,
                    occurredAt: occurredAt[i], payload: payloads[i])
            }
        }
    }
}
